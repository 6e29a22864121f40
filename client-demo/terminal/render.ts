import type { ToolCallRequest, ToolCallResult } from '../conversation.ts';
import type { ChatEvent } from '../events.ts';
import { Activity, type TerminalIo } from './io.ts';

const DEFAULT_SUMMARY_LINES = 4;
const MAX_LINE_LENGTH = 160;
const MAX_ARGUMENT_LENGTH = 120;

function clip(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

/** Cuts a result to its first lines for the terminal, with a count of the lines left out. */
export function summarize(text: string, maxLines = DEFAULT_SUMMARY_LINES): string[] {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines.length === 0) return ['(no text)'];
  const visible = lines.slice(0, maxLines).map((line) => clip(line, MAX_LINE_LENGTH));
  const hidden = lines.length - maxLines;
  if (hidden > 0) visible.push(`… ${hidden} more ${hidden === 1 ? 'line' : 'lines'}`);
  return visible;
}

function compactArguments(raw: string): string {
  try {
    return clip(JSON.stringify(JSON.parse(raw || '{}')), MAX_ARGUMENT_LENGTH);
  } catch {
    return clip(raw, MAX_ARGUMENT_LENGTH);
  }
}

/** Output stream of a line: stdout for results the reader requested, stderr for activity and errors. */
type Stream = 'stdout' | 'stderr';

/**
 * Draws chat events: the model's text on stdout as it streams, tool calls
 * on stderr, a spinner while something works. Short tool results go to
 * stderr as activity unless `resultsOnStdout` is set, and failed ones always
 * go to stderr.
 */
export class ChatRenderer {
  private readonly activity: Activity;
  private readonly running = new Map<string, string>();
  private textOpen = false;
  private paused = false;
  /** Lines that arrived while the user was answering a question. */
  private heldLines: { line: string; stream: Stream }[] = [];

  constructor(
    private readonly io: TerminalIo,
    private readonly summaryLines = DEFAULT_SUMMARY_LINES,
    private resultsOnStdout = false,
  ) {
    this.activity = new Activity(io);
  }

  private note(line: string, stream: Stream = 'stderr'): void {
    if (this.paused) {
      this.heldLines.push({ line, stream });
      return;
    }
    this.activity.clear();
    this.endText();
    this.io[stream].write(`${line}\n`);
    this.resumeActivity();
  }

  /** Runs `action` with successful tool results on stdout, for calls the user made directly. */
  async withResultsOnStdout<T>(action: () => Promise<T>): Promise<T> {
    const before = this.resultsOnStdout;
    this.resultsOnStdout = true;
    try {
      return await action();
    } finally {
      this.resultsOnStdout = before;
    }
  }

  private endText(): void {
    if (!this.textOpen) return;
    this.io.stdout.write('\n');
    this.textOpen = false;
  }

  private resumeActivity(): void {
    if (this.paused || this.running.size === 0) return;
    this.activity.show([...this.running.values()].join(', '));
  }

  toolCall(call: ToolCallRequest): void {
    const { colors } = this.io;
    this.note(
      `${colors.cyan('→')} ${colors.bold(call.name)} ${colors.dim(compactArguments(call.arguments))}`,
    );
  }

  toolResult(result: ToolCallResult, durationMs?: number): void {
    const { colors } = this.io;
    const mark = result.isError ? colors.red('✗') : colors.green('✓');
    const time = durationMs === undefined ? '' : colors.dim(` ${Math.round(durationMs)} ms`);
    const lines = summarize(result.text, this.summaryLines);
    const body = lines.map((line, index) => (index === 0 ? line : `    ${line}`)).join('\n');
    const stream = this.resultsOnStdout && !result.isError ? 'stdout' : 'stderr';
    this.note(
      `  ${mark} ${result.name}${time}: ${result.isError ? colors.red(body) : body}`,
      stream,
    );
    for (const path of result.imagePaths) {
      this.note(`    ${colors.magenta('image saved to')} ${path}`, stream);
    }
  }

  handle(event: ChatEvent): void {
    const { colors } = this.io;
    switch (event.type) {
      case 'model-start':
        if (this.paused) break;
        this.activity.show(event.step === 1 ? 'thinking' : `thinking (step ${event.step})`);
        break;
      case 'text':
        this.activity.clear();
        this.io.stdout.write(event.delta);
        this.textOpen = !event.delta.endsWith('\n');
        break;
      case 'model-end':
        this.activity.clear();
        this.endText();
        break;
      case 'tool-start':
        this.running.set(event.call.id, `running ${event.call.name}`);
        this.toolCall(event.call);
        break;
      case 'tool-progress': {
        const total = event.total === undefined ? '' : `/${event.total}`;
        const message = event.message ? ` ${event.message}` : '';
        this.running.set(event.call.id, `${event.call.name} ${event.progress}${total}${message}`);
        this.resumeActivity();
        break;
      }
      case 'tool-end':
        this.running.delete(event.call.id);
        this.toolResult(event.result, event.durationMs);
        if (this.running.size === 0) this.activity.clear();
        break;
      case 'step-limit':
        this.note(
          colors.yellow(
            `Stopped after ${event.maxSteps} model steps (--max-steps). Ask again to let it go on.`,
          ),
        );
        break;
      case 'cancelled':
        this.running.clear();
        this.note(colors.yellow('Cancelled.'));
        break;
    }
  }

  /** Keeps the spinner away while the user answers a question. */
  pause(): void {
    this.paused = true;
    this.activity.clear();
    this.endText();
  }

  resume(): void {
    this.paused = false;
    const heldLines = this.heldLines;
    this.heldLines = [];
    for (const { line, stream } of heldLines) this.note(line, stream);
    this.resumeActivity();
  }

  /** Stops the spinner and ends a half-written line, before a prompt or an error. */
  settle(): void {
    this.activity.clear();
    this.running.clear();
    this.endText();
  }
}
