import ora, { type Ora } from 'ora';
import picocolors from 'picocolors';

export type Colors = ReturnType<typeof picocolors.createColors>;

/** Streams the client writes to and reads from, and whether a person is watching. */
export interface TerminalIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Stream for model replies and tool results. It is stderr when `--json` keeps stdout for the transcript. */
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  /** Destination of the `--json` transcript. */
  data: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Both ends are a terminal: spinners, prompts and questions make sense. */
  interactive: boolean;
  colors: Colors;
}

export function processIo(color: boolean | undefined, json: boolean): TerminalIo {
  const interactive = process.stdin.isTTY === true && process.stderr.isTTY === true;
  // picocolors already honours NO_COLOR, FORCE_COLOR and --no-color in argv.
  const enabled = color ?? (process.stderr.isTTY === true && picocolors.isColorSupported);
  return {
    stdin: process.stdin,
    stdout: json ? process.stderr : process.stdout,
    data: process.stdout,
    stderr: process.stderr,
    interactive,
    colors: picocolors.createColors(enabled),
  };
}

/** Spinner on stderr while the model or a tool works. It is silent without a terminal. */
export class Activity {
  private spinner: Ora | undefined;

  constructor(private readonly io: TerminalIo) {}

  show(text: string): void {
    if (!this.io.interactive) return;
    if (this.spinner) {
      this.spinner.text = text;
      return;
    }
    this.spinner = ora({ text, stream: this.io.stderr, discardStdin: false }).start();
  }

  clear(): void {
    this.spinner?.stop();
    this.spinner = undefined;
  }
}
