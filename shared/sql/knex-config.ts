import type { Knex } from 'knex';
import type { Logger } from '../logging.ts';
import type { ConnectionConfig } from './connection.ts';
import { castMysqlValue } from './read/mysql.ts';
import { tlsOptions } from './tls.ts';

export interface PoolSettings {
  /** Open SQLite read-write; other engines enforce read-only per transaction. */
  allowWrite: boolean;
  poolMax: number;
}

/** knex writes warnings with console.log, which would corrupt a stdio transport. */
function knexLog(logger: Logger): Knex.Config['log'] {
  const log = logger.child({ component: 'knex' });
  const text = (message: unknown) => (typeof message === 'string' ? message : String(message));
  return {
    warn: (message: unknown) => log.warn(text(message)),
    error: (message: unknown) => log.error(text(message)),
    deprecate: (method: unknown, alternative: unknown) =>
      log.warn(`${text(method)} is deprecated; use ${text(alternative)}`),
    debug: (message: unknown) => log.debug({ message }, 'knex debug'),
  };
}

/** Builds the knex configuration for one connection, with drivers set up for exact values. */
export function knexConfig(
  config: ConnectionConfig,
  settings: PoolSettings,
  logger: Logger,
): Knex.Config {
  const log = knexLog(logger);

  if (config.dialect === 'sqlite') {
    // SQLite cannot open an in-memory database read-only; reads there still
    // reject every statement that writes (see read/sqlite.ts).
    const inMemory = config.filename === ':memory:';
    return {
      client: 'better-sqlite3',
      connection: {
        filename: config.filename,
        options: { readonly: !settings.allowWrite && !inMemory },
      },
      useNullAsDefault: true,
      pool: { min: 1, max: 1 },
      log,
    };
  }

  const ssl = tlsOptions(config);
  const pool = { min: 0, max: settings.poolMax, idleTimeoutMillis: 30_000 };

  if (config.dialect === 'postgres') {
    return {
      client: 'pg',
      connection: {
        host: config.host,
        port: config.port,
        user: config.user,
        password: config.password,
        database: config.database,
        ssl: ssl ?? false,
        application_name: config.params.application_name ?? 'conduit',
        connectionTimeoutMillis: 10_000,
        keepAlive: true,
      },
      pool,
      acquireConnectionTimeout: 15_000,
      log,
    };
  }

  return {
    client: 'mysql2',
    connection: {
      host: config.host,
      port: config.port,
      user: config.user,
      password: config.password,
      database: config.database,
      ssl,
      charset: 'utf8mb4',
      supportBigNumbers: true,
      bigNumberStrings: false,
      dateStrings: true,
      multipleStatements: false,
      connectTimeout: 10_000,
      typeCast: castMysqlValue,
    },
    pool: {
      ...pool,
      // TIMESTAMP columns are shown in the session time zone; UTC keeps them stable.
      afterCreate: (
        connection: { query(sql: string, done: (error?: Error) => void): void },
        done: (error: Error | undefined, connection: unknown) => void,
      ) => {
        connection.query("SET time_zone = '+00:00'", (error) => done(error, connection));
      },
    },
    acquireConnectionTimeout: 15_000,
    log,
  };
}
