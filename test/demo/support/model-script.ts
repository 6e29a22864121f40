/** One scripted model turn: text, tool calls, or an HTTP error. */
export interface ScriptedReply {
  text?: string;
  toolCalls?: { name: string; arguments: unknown }[];
  /** HTTP status to reply with, together with `errorBody`, instead of a completion. */
  status?: number;
  errorBody?: unknown;
}

export interface RecordedRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

/** Picks the reply for the n-th request (from 0); the request is there to inspect. */
export type ModelScript = (request: RecordedRequest, turn: number) => ScriptedReply;

export function sequence(...replies: ScriptedReply[]): ModelScript {
  return (_request, turn) => replies[Math.min(turn, replies.length - 1)] ?? { text: '' };
}

/** Splits text in two, so clients must join streamed pieces. */
export function halves(text: string): [string, string] {
  const middle = Math.ceil(text.length / 2);
  return [text.slice(0, middle), text.slice(middle)];
}
