/** The provider-neutral conversation the loop keeps; each provider maps it to its own API. */

export interface ImageData {
  mimeType: string;
  /** Base64, as MCP image content carries it. */
  data: string;
}

export interface ToolCallRequest {
  /** The id the model gave the call; results are matched to calls by it. */
  id: string;
  name: string;
  /** Arguments as the model wrote them, a JSON object in text. */
  arguments: string;
}

export interface ToolCallResult {
  callId: string;
  name: string;
  text: string;
  isError: boolean;
  images: ImageData[];
  /** Files the images were saved to, in the order of `images`. */
  imagePaths: string[];
  structured?: unknown;
}

export type ConversationMessage =
  | { role: 'user'; text: string }
  | { role: 'assistant'; text: string; toolCalls: ToolCallRequest[] }
  | { role: 'tool'; results: ToolCallResult[] };
