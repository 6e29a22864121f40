import type { ToolCallRequest, ToolCallResult } from './conversation.ts';

/** Event the loop and the tool runner emit while they work. The terminal draws these. */
export type ChatEvent =
  | { type: 'model-start'; step: number }
  | { type: 'text'; delta: string }
  | { type: 'model-end'; step: number; text: string; toolCalls: ToolCallRequest[] }
  | { type: 'tool-start'; call: ToolCallRequest; server?: string | undefined }
  | {
      type: 'tool-progress';
      call: ToolCallRequest;
      progress: number;
      total?: number | undefined;
      message?: string | undefined;
    }
  | { type: 'tool-end'; call: ToolCallRequest; result: ToolCallResult; durationMs: number }
  | { type: 'step-limit'; maxSteps: number }
  | { type: 'cancelled' };

export type ChatEventHandler = (event: ChatEvent) => void;
