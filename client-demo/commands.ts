import type { CommandEntry } from '../cli/commands.ts';
import { packageVersion } from '../cli/version.ts';

const CHAT_USAGE =
  'conduit chat [--config FILE] [--model PROVIDER:MODEL] [-p QUESTION] [--json] [--yes]';
const DEMO_USAGE =
  'conduit demo [--config FILE] [--model PROVIDER:MODEL] [--scripted] [--json] [--yes]';

/** Turns a setting the user can fix into a message and exit code 2. */
async function reportingSetupErrors(
  run: () => Promise<number>,
  write: (text: string) => void,
): Promise<number> {
  try {
    return await run();
  } catch (error) {
    // Imported here, not at the top: server-config.ts loads zod, and every
    // command of the CLI, servers included, imports this file at start-up.
    const [{ ServerConfigError }, { ClientOptionError }, { ModelConfigError }] = await Promise.all([
      import('./server-config.ts'),
      import('./options.ts'),
      import('./providers/select.ts'),
    ]);
    if (
      error instanceof ClientOptionError ||
      error instanceof ModelConfigError ||
      error instanceof ServerConfigError
    ) {
      write(error.message);
      return 2;
    }
    throw error;
  }
}

// The terminal modules, and with them ora and the model SDKs, load only when
// one of these commands runs, so server commands start without them.
export const chatCommand: CommandEntry = {
  summary: 'talk to a model that uses every server (or call tools yourself)',
  usage: CHAT_USAGE,
  run(argv, context) {
    return reportingSetupErrors(
      async () => {
        const { runChat } = await import('./terminal/chat.ts');
        return runChat({
          command: 'chat',
          usage: CHAT_USAGE,
          argv,
          env: context.env,
          version: packageVersion(),
        });
      },
      (text) => context.output.err(`conduit chat: ${text}`),
    );
  },
};

export const demoCommand: CommandEntry = {
  summary: 'the guided tour across all servers, with a model or scripted',
  usage: DEMO_USAGE,
  run(argv, context) {
    return reportingSetupErrors(
      async () => {
        const { runDemo } = await import('./terminal/demo.ts');
        return runDemo({
          command: 'demo',
          usage: DEMO_USAGE,
          // The tour is there to be read, so its results are shown at length
          // and go to stdout, where `conduit demo > tour.txt` keeps them.
          resultLines: 14,
          resultsOnStdout: true,
          argv,
          env: context.env,
          version: packageVersion(),
        });
      },
      (text) => context.output.err(`conduit demo: ${text}`),
    );
  },
};
