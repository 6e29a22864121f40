import type { ConversationMessage, ToolCallResult } from './conversation.ts';
import type { ChatEventHandler } from './events.ts';
import type { ToolRunner } from './tool-runner.ts';
import type { ToolSpec } from './toolbox.ts';
import type { ModelProvider } from './providers/types.ts';

export const SYSTEM_PROMPT = [
  'You are the demo assistant of Conduit, a suite of MCP servers.',
  'Use the tools to look things up instead of guessing: query the database,',
  'check the weather, translate text and compute statistics or charts.',
  'Tool names have the form server__tool. Call several tools at once when they do not depend on each other.',
  'When a tool fails, read its message and try what it suggests. Keep answers short and cite the numbers you used.',
].join(' ');

export type TurnEnd = 'answer' | 'step-limit' | 'cancelled';

export interface TurnOptions {
  provider: ModelProvider;
  runner: ToolRunner;
  tools: readonly ToolSpec[];
  /** Model requests allowed in one turn; each may ask for several tool calls. */
  maxSteps: number;
  signal: AbortSignal;
  onEvent: ChatEventHandler;
  system?: string;
}

function isAbort(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (error instanceof Error && error.name === 'AbortError');
}

/**
 * Handles the last user message: sends it to the model, runs the tool calls
 * it requests (all calls of one step at once) and sends the results back,
 * until the model replies without tools, the step limit is reached or the signal
 * aborts. Appends every message to `conversation`, which stays valid for the
 * next turn in every case. A model request that fails throws.
 */
export async function runTurn(
  conversation: ConversationMessage[],
  options: TurnOptions,
): Promise<TurnEnd> {
  const { provider, runner, signal, onEvent } = options;

  for (let step = 1; step <= options.maxSteps; step += 1) {
    onEvent({ type: 'model-start', step });
    let reply;
    try {
      reply = await provider.complete({
        system: options.system ?? SYSTEM_PROMPT,
        messages: conversation,
        tools: options.tools,
        signal,
        onText: (delta) => onEvent({ type: 'text', delta }),
      });
    } catch (error) {
      if (!isAbort(error, signal)) throw error;
      onEvent({ type: 'cancelled' });
      return 'cancelled';
    }

    conversation.push({ role: 'assistant', text: reply.text, toolCalls: reply.toolCalls });
    onEvent({ type: 'model-end', step, text: reply.text, toolCalls: reply.toolCalls });
    if (reply.toolCalls.length === 0) return 'answer';

    const results: ToolCallResult[] = await Promise.all(
      reply.toolCalls.map((call) => runner.run(call, signal)),
    );
    conversation.push({ role: 'tool', results });

    if (signal.aborted) {
      onEvent({ type: 'cancelled' });
      return 'cancelled';
    }
  }

  onEvent({ type: 'step-limit', maxSteps: options.maxSteps });
  return 'step-limit';
}
