import { createInterface } from 'node:readline/promises';
import type { ApprovalPrompt } from '../tool-runner.ts';
import type { TerminalIo } from './io.ts';

/** Asks one question on the terminal; the chat loop supplies its own readline. */
export type Ask = (question: string, signal: AbortSignal) => Promise<string>;

export function askOnce(io: TerminalIo): Ask {
  return async (question, signal) => {
    const reader = createInterface({
      input: io.stdin,
      output: io.stderr,
      terminal: io.interactive,
    });
    try {
      return await reader.question(question, { signal });
    } finally {
      reader.close();
    }
  };
}

/**
 * Builds the approval check for destructive tools. `--yes` allows them all.
 * On a terminal the user confirms each call. Without a terminal no one can
 * confirm, so the call is declined and its result explains why.
 */
export function approvalPrompt(
  io: TerminalIo,
  yes: boolean,
  ask: () => Ask,
  screen: { pause(): void; resume(): void },
): ApprovalPrompt {
  return async (entry, args, signal) => {
    if (yes) return true;
    const { colors } = io;
    if (!io.interactive) {
      io.stderr.write(
        `${colors.yellow('!')} ${entry.name} is marked destructive; declined because no terminal can ` +
          'confirm it. Add --yes to allow such calls.\n',
      );
      return false;
    }
    const argumentsJson = JSON.stringify(args);
    screen.pause();
    try {
      const answer = await ask()(
        `${colors.yellow('?')} ${colors.bold(entry.name)} ${argumentsJson} can change data. Run it? [y/N] `,
        signal,
      );
      return /^y(es)?$/i.test(answer.trim());
    } finally {
      screen.resume();
    }
  };
}
