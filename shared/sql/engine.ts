import type { Knex } from 'knex';
import { ToolError } from '../errors.ts';
import type { Logger } from '../logging.ts';
import { RowCollector } from './collector.ts';
import { describeConnection, type ConnectionConfig, type Dialect } from './connection.ts';
import { connectionError, isConnectFailure } from './connect-errors.ts';
import {
  DATABASE_TOOL_NAMES,
  isConnectionLost,
  readOnlyHint,
  stoppedError,
  toSqlToolError,
  type SqlToolNames,
} from './errors.ts';
import { knexConfig } from './knex-config.ts';
import { warnAboutFilePrivileges } from './privileges.ts';
import type { PgModule } from './read/postgres.ts';
import { runOnMysql, type MysqlState } from './run/mysql.ts';
import { runOnPostgres } from './run/postgres.ts';
import { runOnSqlite } from './run/sqlite.ts';
import type { Mode, StatementRun } from './run/types.ts';
import { findServerFileAccess, scanStatements } from './statements.ts';
import type { ExecuteResult, ReadOptions, ReadResult } from './types.ts';

export interface SqlEngineOptions {
  logger: Logger;
  /** Opens SQLite read-write and lets `execute` run; reads stay read-only either way. */
  allowWrite?: boolean;
  /** Connections kept at most per engine (PostgreSQL and MySQL). */
  poolMax?: number;
  /** Timeout of catalog queries (list_tables, describe_table), 15 s when left out. */
  catalogTimeoutMs?: number;
  /** Runs once before the first connection, such as generating the demo database. */
  prepare?: () => Promise<void>;
  /** Tools named in error hints; the database server's tools when left out. */
  tools?: SqlToolNames;
}

/**
 * One database, reached through a knex pool created on first use. Each read
 * runs one statement inside a read-only transaction (or on a read-only SQLite
 * connection), under a statement timeout and row and byte caps. Values come
 * back as exact JSON. Nothing is imported or connected until the first call.
 */
export class SqlEngine {
  readonly dialect: Dialect;
  private knexPromise: Promise<Knex> | undefined;
  private pgModule: PgModule | undefined;
  private readonly pgTypeNames = new Map<number, string>();
  private readonly mysqlState: MysqlState = {};
  private version: Promise<string> | undefined;
  private readonly secrets: (string | undefined)[];

  constructor(
    readonly config: ConnectionConfig,
    private readonly options: SqlEngineOptions,
  ) {
    this.dialect = config.dialect;
    this.secrets = config.dialect === 'sqlite' ? [] : [config.password];
  }

  get catalogTimeoutMs(): number {
    return this.options.catalogTimeoutMs ?? 15_000;
  }

  get allowWrite(): boolean {
    return this.options.allowWrite ?? false;
  }

  /** Describes the connection without its password, for logs and tool results. */
  describe(): string {
    return describeConnection(this.config);
  }

  /** Returns the knex instance, for structured queries built with bindings. */
  knex(): Promise<Knex> {
    this.knexPromise ??= this.openKnex().catch((error: unknown) => {
      this.knexPromise = undefined;
      throw error;
    });
    return this.knexPromise;
  }

  private async openKnex(): Promise<Knex> {
    await this.options.prepare?.();
    const { default: knexFactory } = await import('knex');
    if (this.dialect === 'postgres') this.pgModule = (await import('pg')).default;
    const config = knexConfig(
      this.config,
      { allowWrite: this.allowWrite, poolMax: this.options.poolMax ?? 5 },
      this.options.logger,
    );
    this.options.logger.debug({ database: this.describe() }, 'opening database pool');
    const knex = knexFactory(config);
    await this.checkConnection(knex);
    void warnAboutFilePrivileges(this.dialect, knex, this.options.logger);
    return knex;
  }

  /**
   * Opens one pooled connection and returns it to the pool, so a wrong URL,
   * login or file fails the first call with a connection error instead of a
   * statement error. The pool keeps the connection for the statement that follows.
   */
  private async checkConnection(knex: Knex): Promise<void> {
    try {
      const connection: unknown = await knex.client.acquireConnection();
      await knex.client.releaseConnection(connection);
    } catch (error) {
      await knex.destroy().catch(() => undefined);
      const failure = connectionError(error, this.config, {
        allowWrite: this.allowWrite,
        secrets: this.secrets,
      });
      this.options.logger.warn(
        { database: this.describe(), code: failure.code, reason: failure.message },
        'connecting to the database failed',
      );
      throw failure;
    }
  }

  /** Maps a driver error to a ToolError with the password removed. */
  toToolError(error: unknown, mode: Mode = 'read'): unknown {
    if (isConnectFailure(error)) {
      return connectionError(error, this.config, {
        allowWrite: this.allowWrite,
        secrets: this.secrets,
      });
    }
    return toSqlToolError(error, this.dialect, this.secrets, {
      tools: this.tools,
      allowWrite: this.allowWrite,
      mode,
    });
  }

  /** Tools named in error hints. */
  get tools(): SqlToolNames {
    return this.options.tools ?? DATABASE_TOOL_NAMES;
  }

  /** Checks a statement before it is sent: exactly one, and no server file access. */
  private checkStatement(sql: string, mode: Mode): void {
    const statements = scanStatements(sql, this.dialect);
    if (statements.length === 0) {
      throw new ToolError('INVALID_ARGUMENT', 'The SQL text is empty.', {
        hint: 'send one SQL statement, such as SELECT * FROM some_table LIMIT 10',
      });
    }
    if (statements.length > 1) {
      throw new ToolError(
        'INVALID_ARGUMENT',
        `The SQL text contains ${statements.length} statements; one is allowed per call.`,
        { hint: 'send each statement in its own call' },
      );
    }
    const statement = statements[0]!;
    if (mode === 'read' && this.dialect === 'postgres' && statement.words[0] === 'do') {
      // Procedural code can call any function through EXECUTE and a string.
      throw new ToolError('PERMISSION_DENIED', 'DO blocks are not allowed in read-only mode.', {
        hint: 'write the logic as one SELECT statement instead',
      });
    }
    const access = findServerFileAccess(statement, this.dialect);
    if (access) {
      throw new ToolError(
        'PERMISSION_DENIED',
        `${access} reaches files or programs on the database server and is not allowed${mode === 'read' ? ' in read-only mode' : ''}.`,
        { hint: 'query tables instead; load files into the database with your own tools' },
      );
    }
  }

  /** Runs one read-only statement and returns its rows under the caps. */
  async readQuery(
    sql: string,
    bindings: readonly unknown[],
    options: ReadOptions,
  ): Promise<ReadResult> {
    return this.run(sql, bindings, options, 'read').then((outcome) => outcome.result!);
  }

  /** Runs one statement that may write; only allowed when the engine was opened with allowWrite. */
  async execute(
    sql: string,
    bindings: readonly unknown[],
    options: ReadOptions,
  ): Promise<ExecuteResult> {
    if (!this.allowWrite) {
      throw new ToolError('READ_ONLY', 'Writes are disabled on this server.', {
        hint: 'restart the server with --allow-write to run statements that change data',
      });
    }
    return this.run(sql, bindings, options, 'write');
  }

  private async run(
    sql: string,
    bindings: readonly unknown[],
    options: ReadOptions,
    mode: Mode,
  ): Promise<ExecuteResult> {
    this.checkStatement(sql, mode);
    if (options.signal?.aborted) throw stoppedError('cancelled', options.timeoutMs);

    const knex = await this.knex();
    const attempt = (collector: RowCollector) => {
      const run: StatementRun = {
        knex,
        sql,
        bindings,
        options,
        collector,
        mode,
        readOnlyHint: readOnlyHint({ tools: this.tools, allowWrite: this.allowWrite, mode }),
        logger: this.options.logger,
      };
      if (this.dialect === 'postgres') {
        return runOnPostgres(run, { pg: this.pgModule!, typeNames: this.pgTypeNames });
      }
      if (this.dialect === 'mysql') return runOnMysql(run, this.mysqlState);
      return runOnSqlite(run);
    };
    const newCollector = () =>
      new RowCollector(options.maxRows, options.maxBytes, options.onProgress);

    try {
      try {
        return await attempt(newCollector());
      } catch (error) {
        // A pooled connection the server closed (a restart, an administrator's
        // kill) fails on its next use; a read is safe to run once more.
        if (mode === 'write' || !isConnectionLost(error)) throw error;
        this.options.logger.warn({ err: error }, 'connection lost; retrying the read once');
        return await attempt(newCollector());
      }
    } catch (error) {
      throw this.toToolError(error, mode);
    }
  }

  /** The server's version string, such as `10.11.19-MariaDB` or `PostgreSQL 15.20 ...`. */
  async serverVersion(): Promise<string> {
    this.version ??= this.readVersion().catch((error: unknown) => {
      this.version = undefined;
      throw this.toToolError(error);
    });
    return this.version;
  }

  private async readVersion(): Promise<string> {
    const knex = await this.knex();
    if (this.dialect === 'sqlite') {
      const rows = (await knex.raw('SELECT sqlite_version() AS version')) as { version: string }[];
      return `SQLite ${rows[0]?.version ?? ''}`;
    }
    if (this.dialect === 'postgres') {
      const result = (await knex.raw('SELECT version() AS version')) as {
        rows: { version: string }[];
      };
      return result.rows[0]?.version ?? '';
    }
    const [rows] = (await knex.raw('SELECT VERSION() AS version')) as [{ version: string }[]];
    return rows[0]?.version ?? '';
  }

  /** Closes the pool; the engine opens a new one if it is used again. */
  async close(): Promise<void> {
    const pending = this.knexPromise;
    this.knexPromise = undefined;
    if (!pending) return;
    const knex = await pending.catch(() => undefined);
    await knex?.destroy();
  }
}
