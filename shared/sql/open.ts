import { ToolError } from '../errors.ts';
import type { Logger } from '../logging.ts';
import { parseConnection, type ConnectionEnv } from './connection.ts';
import { ensureDemoDatabase } from './demo/ensure.ts';
import { demoDatabasePath } from './demo/paths.ts';
import { SqlEngine } from './engine.ts';
import type { SqlToolNames } from './errors.ts';

export interface OpenSqlEngineOptions {
  url?: string | undefined;
  env?: ConnectionEnv;
  logger: Logger;
  allowWrite?: boolean;
  /** Rebuild the demo database before first use. */
  regenerateDemo?: boolean;
  poolMax?: number;
  /** Timeout of catalog queries such as list_tables. */
  catalogTimeoutMs?: number;
  /** Tools named in error hints; the database server's tools when left out. */
  tools?: SqlToolNames;
}

/**
 * Parses the connection (URL, discrete variables, or the demo shop when
 * neither is set) and returns an engine that connects on first use. Cheap:
 * nothing is imported, generated or connected here.
 */
export function openSqlEngine(options: OpenSqlEngineOptions): SqlEngine {
  const env = options.env ?? process.env;
  const config = parseConnection({ url: options.url, env, demoPath: demoDatabasePath(env) });
  const { logger } = options;

  const prepare =
    config.dialect === 'sqlite' && config.demo
      ? async () => {
          let generated: boolean;
          try {
            generated = await ensureDemoDatabase(config.filename, {
              regenerate: options.regenerateDemo ?? false,
            });
          } catch (error) {
            logger.error(
              { err: error, path: config.filename },
              'generating the demo database failed',
            );
            throw new ToolError(
              'UNAVAILABLE',
              `The demo database could not be created at "${config.filename}".`,
              {
                hint: 'set CONDUIT_DATA_DIR to a writable folder, or pass --url to use another database',
                cause: error,
              },
            );
          }
          if (generated) logger.info({ path: config.filename }, 'generated the demo database');
        }
      : undefined;

  return new SqlEngine(config, {
    logger,
    allowWrite: options.allowWrite ?? false,
    poolMax: options.poolMax ?? 5,
    ...(options.catalogTimeoutMs ? { catalogTimeoutMs: options.catalogTimeoutMs } : {}),
    ...(prepare ? { prepare } : {}),
    ...(options.tools ? { tools: options.tools } : {}),
  });
}
