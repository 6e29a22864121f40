import {
  describeSettings,
  formatOptionHelp,
  parseOptions,
  type OptionSpecs,
} from '../shared/config/options.ts';
import { runtimeOptions } from '../shared/config/runtime-options.ts';
import { createLogger } from '../shared/logging.ts';
import { startHttpServer } from '../shared/runtime/http.ts';
import type { ServerInstance, ServerModule } from '../shared/server-module.ts';
import type { CommandContext } from './commands.ts';
import { untilStopped } from './signals.ts';
import { packageVersion } from './version.ts';

const { transport: _transport, ...httpOptions } = runtimeOptions;

/** Options of all servers together; a flag two servers share (`--url`) sets both. */
function combinedOptions(modules: readonly ServerModule[]): OptionSpecs {
  const specs: OptionSpecs = { ...httpOptions };
  for (const module of modules) Object.assign(specs, module.options);
  return specs;
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
    context.output.out(
      `Usage: conduit serve [options]\n\nHosts ${loaded.map(([name]) => name).join(', ')}.\n\nOptions:\n${formatOptionHelp(specs)}\n`,
    );
    return 0;
  }

  const parsed = parseOptions(specs, argv, context.env);
  const values = parsed.values as Record<string, unknown> & {
    host: string;
    port: number;
    authToken?: string;
    allowedOrigins?: string[];
    allowedHosts?: string[];
    maxBodyBytes: number;
    logLevel: Parameters<typeof createLogger>[0];
  };
  const logger = createLogger(values.logLevel);
  logger.info(
    { version: packageVersion(), pid: process.pid, settings: describeSettings(specs, parsed) },
    'starting',
  );

  const instances: [string, ServerInstance][] = [];
  try {
    for (const [name, module] of loaded) {
      instances.push([name, await module.open(values as never, logger.child({ server: name }))]);
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
