import type { ConversationMessage, ToolCallRequest } from '../conversation.ts';
import type { ToolSpec } from '../toolbox.ts';

export interface ModelRequest {
  system: string;
  messages: readonly ConversationMessage[];
  tools: readonly ToolSpec[];
  signal: AbortSignal;
  /** Called with each piece of streamed text as it arrives. */
  onText(delta: string): void;
}

export interface ModelReply {
  text: string;
  toolCalls: ToolCallRequest[];
}

/** One model behind one API; `complete` streams a single assistant turn. */
export interface ModelProvider {
  /** `provider:model`, as `--model` takes it. */
  readonly label: string;
  /** Tool images are passed on to the model only when it accepts them. */
  readonly acceptsImages: boolean;
  complete(request: ModelRequest): Promise<ModelReply>;
}
