import type { ToolCallRequest, ToolCallResult } from './conversation.ts';
import type { ChatEventHandler } from './events.ts';
import { saveImages } from './images.ts';
import { toCallOutcome, type CallOutcome, type Toolbox, type ToolEntry } from './toolbox.ts';

/** Decides whether a destructive call may run. Under `--yes` it returns true for every call. */
export type ApprovalPrompt = (
  entry: ToolEntry,
  args: Record<string, unknown>,
  signal: AbortSignal,
) => Promise<boolean>;

export interface ToolRunnerOptions {
  toolbox: Toolbox;
  /** Milliseconds a call may go without a result or a progress notification. */
  timeoutMs: number;
  /** Milliseconds a call may take in all, however much progress it reports. */
  maxTotalMs: number;
  approve: ApprovalPrompt;
  imageDirectory: string;
  onEvent: ChatEventHandler;
}

function describeDeclined(call: ToolCallRequest, reader: ResultReader): string {
  if (reader === 'model') {
    return (
      `The user declined to run ${call.name}, which can change data. ` +
      'Do not retry it; ask the user how to go on.'
    );
  }
  return (
    `Not run: ${call.name} can change data and the call was not confirmed. ` +
    'Add --yes to allow such calls without asking.'
  );
}

function failure(call: ToolCallRequest, text: string): ToolCallResult {
  return { callId: call.id, name: call.name, text, isError: true, images: [], imagePaths: [] };
}

function parseArguments(raw: string): Record<string, unknown> | string {
  if (raw.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return `the arguments are not valid JSON (${(error as Error).message})`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'the arguments must be a JSON object';
  }
  return value as Record<string, unknown>;
}

/**
 * Who reads a call's result: the model, whose message includes how to go on, or the
 * user, who called the tool from the tool shell or the scripted tour.
 */
export type ResultReader = 'model' | 'user';

function describeCallError(
  error: unknown,
  signal: AbortSignal,
  options: ToolRunnerOptions,
  reader: ResultReader,
) {
  if (signal.aborted) {
    return reader === 'model'
      ? 'The user cancelled this call. Do not retry it unless asked to.'
      : 'The call was cancelled.';
  }
  const code = (error as { code?: unknown }).code;
  if (code === 'REQUEST_TIMEOUT') {
    return (
      `The call timed out: no result or progress within ${options.timeoutMs} ms ` +
      `(at most ${options.maxTotalMs} ms in all). Try a narrower request.`
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return `The call failed: ${message}`;
}

/**
 * Runs tool calls for the loop, the tour and `/call`: checks the name and the
 * arguments, requests approval for destructive tools, applies the timeouts, saves
 * images and reports each step as events. Never throws for a failed call,
 * because every failure becomes an error result the model can read.
 */
export class ToolRunner {
  private approvals: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ToolRunnerOptions) {}

  /** Parallel calls would otherwise ask the user two questions at once. */
  private askInTurn(
    entry: ToolEntry,
    args: Record<string, unknown>,
    signal: AbortSignal,
  ): Promise<boolean> {
    const answer = this.approvals.then(() =>
      signal.aborted ? false : this.options.approve(entry, args, signal),
    );
    this.approvals = answer.catch(() => {});
    // A question cut short by Ctrl-C counts as a refusal.
    return answer.catch(() => false);
  }

  /** `reader` picks the wording of the results this client writes itself. */
  async run(
    call: ToolCallRequest,
    signal: AbortSignal,
    reader: ResultReader = 'model',
  ): Promise<ToolCallResult> {
    const { toolbox, onEvent } = this.options;
    const entry = toolbox.get(call.name);
    onEvent({ type: 'tool-start', call, server: entry?.server.name });
    const started = performance.now();
    const finish = (result: ToolCallResult): ToolCallResult => {
      onEvent({ type: 'tool-end', call, result, durationMs: performance.now() - started });
      return result;
    };

    if (!entry) {
      const known = toolbox.entries.map((item) => item.name).join(', ') || 'none';
      return finish(failure(call, `Unknown tool "${call.name}". Available tools: ${known}.`));
    }

    const args = parseArguments(call.arguments);
    if (typeof args === 'string') {
      return finish(failure(call, `Invalid call of ${call.name}: ${args}. Send a JSON object.`));
    }

    if (entry.destructive && !(await this.askInTurn(entry, args, signal))) {
      if (signal.aborted) {
        return finish(failure(call, describeCallError(null, signal, this.options, reader)));
      }
      return finish(failure(call, describeDeclined(call, reader)));
    }

    let outcome: CallOutcome;
    try {
      const result = await entry.server.client.callTool(
        { name: entry.tool.name, arguments: args },
        {
          signal,
          timeout: this.options.timeoutMs,
          resetTimeoutOnProgress: true,
          maxTotalTimeout: this.options.maxTotalMs,
          onprogress: (progress) => onEvent({ type: 'tool-progress', call, ...progress }),
        },
      );
      outcome = toCallOutcome(result);
    } catch (error) {
      return finish(failure(call, describeCallError(error, signal, this.options, reader)));
    }

    let imagePaths: string[] = [];
    try {
      imagePaths = await saveImages(outcome.images, this.options.imageDirectory, call.name);
    } catch (error) {
      outcome.text += `\n(The images could not be saved: ${(error as Error).message})`;
    }

    return finish({
      callId: call.id,
      name: call.name,
      text: outcome.text,
      isError: outcome.isError,
      images: outcome.images,
      imagePaths,
      ...(outcome.structured === undefined ? {} : { structured: outcome.structured }),
    });
  }
}
