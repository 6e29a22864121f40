import {
  ConfigError,
  describeSettings,
  formatOptionHelp,
  parseOptions,
  type OptionSpecs,
} from '../shared/config/options.ts';
import { runtimeOptions } from '../shared/config/runtime-options.ts';
import { selectArgs } from '../shared/config/select-args.ts';
import { createLogger } from '../shared/logging.ts';
import { startHttpServer } from '../shared/runtime/http.ts';
import type { ServerInstance, ServerModule } from '../shared/server-module.ts';
import type { CommandContext } from './commands.ts';
import { untilStopped } from './signals.ts';
import { packageVersion } from './version.ts';

const { transport: _transport, ...httpOptions } = runtimeOptions;

/**
 * Options of all servers together, for help and to reject unknown flags. A
 * flag two servers share (`--url`) sets both, but each server parses it with
 * its own schema and default.
 */
function combinedOptions(modules: readonly ServerModule[]): OptionSpecs {
  const specs: OptionSpecs = { ...httpOptions };
  for (const module of modules) Object.assign(specs, module.options);
  return specs;
}

/**
 * Help for serve: the HTTP options, then each server's own options. A flag
 * listed under several servers sets each of them, with each server's own
 * default and limits.
 */
function serveHelp(loaded: readonly [string, ServerModule][]): string {
  const sections = [
    'Usage: conduit serve [options]',
    '',
    `Hosts ${loaded.map(([name]) => name).join(', ')} over Streamable HTTP at /<name>/mcp and legacy SSE at /<name>/sse, with /healthz.`,
    'A flag that several servers accept sets it for each of them.',
    '',
    'HTTP options:',
    formatOptionHelp(httpOptions),
  ];
  for (const [name, module] of loaded) {
    sections.push('', `${name} options:`, formatOptionHelp(module.options));
  }
  return `${sections.join('\n')}\n`;
}

/** Rejects a flag that no server and no transport option accepts, as a single server would. */
function rejectUnknownFlags(argv: readonly string[], specs: OptionSpecs): void {
  const known = selectArgs(argv, specs, specs);
  const unknown = argv.find((argument) => argument.startsWith('-') && !known.includes(argument));
  if (unknown !== undefined) {
    throw new ConfigError(
      `Unknown option "${unknown}". Run "conduit serve --help" to see the accepted options.`,
    );
  }
}

async function loadAll(context: CommandContext): Promise<[string, ServerModule][]> {
  const entries = Object.entries(context.servers);
  return Promise.all(
    entries.map(async ([name, entry]) => [name, await entry.load()] as [string, ServerModule]),
  );
}

/** `conduit serve`: every registered server on one HTTP port until stopped. */
export async function serve(argv: string[], context: CommandContext): Promise<number> {
  const loaded = await loadAll(context);
  const specs = combinedOptions(loaded.map(([, module]) => module));

  if (argv.includes('--help') || argv.includes('-h')) {
    context.output.out(serveHelp(loaded));
    return 0;
  }

  rejectUnknownFlags(argv, specs);
  const parsed = parseOptions(httpOptions, selectArgs(argv, httpOptions, specs), context.env);
  const values = parsed.values;
  const logger = createLogger(values.logLevel);
  logger.info(
    {
      version: packageVersion(),
      settings: describeSettings(httpOptions, parsed),
    },
    'starting',
  );

  const instances: [string, ServerInstance][] = [];
  try {
    for (const [name, module] of loaded) {
      const own = parseOptions(
        module.options,
        selectArgs(argv, module.options, specs),
        context.env,
      );
      const serverLogger = logger.child({ server: name });
      serverLogger.info({ settings: describeSettings(module.options, own) }, 'server settings');
      instances.push([name, await module.open(own.values, serverLogger)]);
    }
    const mounts = instances.map(([name, instance]) => ({
      name,
      prefix: `/${name}`,
      createServer: () => instance.createServer(),
    }));
    const http = await startHttpServer(mounts, { ...values, logger });
    logger.info(
      {
        endpoints: mounts.map((mount) => `${http.url}${mount.prefix}/mcp`),
        health: `${http.url}/healthz`,
      },
      'servers ready',
    );

    const reason = await untilStopped(new Promise<void>(() => {}));
    logger.info({ reason }, 'stopping');
    await http.close();
  } finally {
    await Promise.allSettled(instances.map(([, instance]) => instance.close()));
  }
  logger.info('stopped');
  return 0;
}
