import { describeSettings, formatOptionHelp, parseOptions } from '../shared/config/options.ts';
import { runtimeOptions } from '../shared/config/runtime-options.ts';
import { createLogger } from '../shared/logging.ts';
import { runServer } from '../shared/runtime/run.ts';
import type { CommandContext } from './commands.ts';
import type { ServerEntry } from './registry.ts';
import { untilStopped } from './signals.ts';
import { packageVersion } from './version.ts';

/** `conduit <server> [options]`: one server over stdio or HTTP until stopped. */
export async function runServerCommand(
  name: string,
  entry: ServerEntry,
  argv: string[],
  context: CommandContext,
): Promise<number> {
  const module = await entry.load();
  const specs = { ...runtimeOptions, ...module.options };

  if (argv.includes('--help') || argv.includes('-h')) {
    context.output.out(
      `Usage: conduit ${name} [options]\n\n${entry.summary}\n\nOptions:\n${formatOptionHelp(specs)}\n`,
    );
    return 0;
  }

  const parsed = parseOptions(specs, argv, context.env);
  const values = parsed.values;
  const logger = createLogger(values.logLevel).child({ server: name });
  logger.info({ version: packageVersion(), settings: describeSettings(specs, parsed) }, 'starting');

  const instance = await module.open(values, logger);
  const running = await runServer(instance, { ...values, name, logger });
  const reason = await untilStopped(running.ended);

  logger.info({ reason }, 'stopping');
  await running.stop();
  await instance.close();
  logger.info('stopped');
  return 0;
}
