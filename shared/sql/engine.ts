import type { Database } from 'better-sqlite3';
import type { Knex } from 'knex';
import type { Client as PgClient } from 'pg';
import { ToolError } from '../errors.ts';
import type { Logger } from '../logging.ts';
import { RowCollector } from './collector.ts';
import { describeConnection, type ConnectionConfig, type Dialect } from './connection.ts';
import { isConnectionLost, stoppedError, toSqlToolError, type StopReason } from './errors.ts';
import { knexConfig } from './knex-config.ts';
import { runMysqlQuery, type MysqlConnection } from './read/mysql.ts';
import { runPortalQuery, type PgField, type PgModule } from './read/postgres.ts';
import { runSqliteStatement } from './read/sqlite.ts';
import { findServerFileAccess, scanStatements } from './statements.ts';
import type { ExecuteResult, ReadOptions, ReadResult } from './types.ts';

export interface SqlEngineOptions {
  logger: Logger;
  /** Opens SQLite read-write and lets `execute` run; reads stay read-only either way. */
  allowWrite?: boolean;
  /** Connections kept at most per engine (PostgreSQL and MySQL). */
  poolMax?: number;
  /** Runs once before the first connection, such as generating the demo database. */
  prepare?: () => Promise<void>;
}

type Mode = 'read' | 'write';

/** Extra time the server gets to cancel by itself before the engine layer steps in. */
const CANCEL_GRACE_MS = 1000;

/**
 * One database, reached through a knex pool created on first use. Reads run
 * one statement inside a read-only transaction (or on a read-only SQLite
 * connection), under a statement timeout and row and byte caps; values come
 * back as exact JSON. Nothing is imported or connected until the first call.
 */
export class SqlEngine {
  readonly dialect: Dialect;
  private knexPromise: Promise<Knex> | undefined;
  private pgModule: PgModule | undefined;
  private readonly pgTypeNames = new Map<number, string>();
  private mariadb: boolean | undefined;
  private version: Promise<string> | undefined;
  private readonly secrets: (string | undefined)[];

  constructor(
    readonly config: ConnectionConfig,
    private readonly options: SqlEngineOptions,
  ) {
    this.dialect = config.dialect;
    this.secrets = config.dialect === 'sqlite' ? [] : [config.password];
  }

  get allowWrite(): boolean {
    return this.options.allowWrite ?? false;
  }

  /** The connection without its password, for logs and tool results. */
  describe(): string {
    return describeConnection(this.config);
  }

  /** The knex instance, for structured queries built with bindings. */
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
    return knexFactory(config);
  }

  /** Maps a driver error to a ToolError with the password removed. */
  toToolError(error: unknown): unknown {
    return toSqlToolError(error, this.dialect, this.secrets);
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
    const access = findServerFileAccess(statements[0]!, this.dialect);
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
      if (this.dialect === 'postgres') {
        return this.runPostgres(knex, sql, bindings, options, collector, mode);
      }
      if (this.dialect === 'mysql')
        return this.runMysql(knex, sql, bindings, options, collector, mode);
      return this.runSqlite(knex, sql, bindings, options, collector, mode);
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
      throw this.toToolError(error);
    }
  }

  /**
   * Arms the statement timeout and the client's cancellation: the server's
   * own timeout fires first; if it has not answered a grace period later, or
   * the client cancels, `cancel` runs and the call fails with the reason.
   */
  private watch(
    options: ReadOptions,
    cancel: (reason: StopReason) => void,
  ): { stopped: () => StopReason | undefined; done: () => void } {
    let reason: StopReason | undefined;
    const stop = (why: StopReason) => {
      if (reason) return;
      reason = why;
      cancel(why);
    };
    const timer = setTimeout(() => stop('timeout'), options.timeoutMs + CANCEL_GRACE_MS);
    const onAbort = () => stop('cancelled');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    return {
      stopped: () => reason,
      done: () => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      },
    };
  }

  private async runPostgres(
    knex: Knex,
    sql: string,
    bindings: readonly unknown[],
    options: ReadOptions,
    collector: RowCollector,
    mode: Mode,
  ): Promise<ExecuteResult> {
    const client = (await knex.client.acquireConnection()) as PgClient & {
      processID: number;
      __knex__disposed?: unknown;
    };
    const pid = client.processID;
    const watcher = this.watch(options, (reason) => {
      this.options.logger.warn({ pid, reason }, 'cancelling PostgreSQL statement');
      knex.raw('SELECT pg_cancel_backend(?)', [pid]).catch((error: unknown) => {
        this.options.logger.warn(
          { err: error, pid },
          'pg_cancel_backend failed; closing the connection',
        );
        client.__knex__disposed = error;
        (
          client as unknown as { connection: { stream: { destroy(): void } } }
        ).connection.stream.destroy();
      });
    });

    let inTransaction = false;
    try {
      const begin = mode === 'read' ? 'BEGIN TRANSACTION READ ONLY' : 'BEGIN';
      await client.query(begin);
      inTransaction = true;
      await client.query(
        `SET LOCAL statement_timeout = ${Math.max(1, Math.floor(options.timeoutMs))}`,
      );

      const outcome = await runPortalQuery(this.pgModule!, client, sql, bindings, collector);
      if (mode === 'write') {
        await client.query('COMMIT');
      } else {
        await client.query('ROLLBACK');
      }
      inTransaction = false;

      collector.columns = await this.pgColumns(client, outcome.fields);
      const hasRows = outcome.fields.length > 0;
      return {
        affectedRows: hasRows ? null : outcome.rowCount,
        command: outcome.command,
        result: hasRows || mode === 'read' ? collector.result() : null,
      };
    } catch (error) {
      const reason = watcher.stopped();
      // pg reports a server-side termination as a query error, so the pool
      // would otherwise hand the dead connection out again.
      if (isConnectionLost(error)) client.__knex__disposed ??= error;
      if (inTransaction && !client.__knex__disposed) {
        await client.query('ROLLBACK').catch(() => undefined);
      }
      if (reason) throw stoppedError(reason, options.timeoutMs);
      throw error;
    } finally {
      watcher.done();
      await knex.client.releaseConnection(client);
    }
  }

  /** Type names for result columns, looked up in pg_type once per OID. */
  private async pgColumns(client: PgClient, fields: PgField[]) {
    const missing = [...new Set(fields.map((field) => field.dataTypeID))].filter(
      (oid) => !this.pgTypeNames.has(oid),
    );
    if (missing.length > 0) {
      const found = await client.query<{ oid: number; typname: string }>(
        'SELECT oid::int AS oid, typname FROM pg_catalog.pg_type WHERE oid = ANY($1::oid[])',
        [missing],
      );
      for (const row of found.rows) this.pgTypeNames.set(row.oid, row.typname);
    }
    return fields.map((field) => ({
      name: field.name,
      type: this.pgTypeNames.get(field.dataTypeID) ?? `oid ${field.dataTypeID}`,
    }));
  }

  private async isMariadb(connection: MysqlConnection): Promise<boolean> {
    if (this.mariadb === undefined) {
      const version = await mysqlStatement(connection, 'SELECT VERSION() AS version');
      this.mariadb = /mariadb/i.test(String((version[0] as { version?: unknown })?.version));
    }
    return this.mariadb;
  }

  private async runMysql(
    knex: Knex,
    sql: string,
    bindings: readonly unknown[],
    options: ReadOptions,
    collector: RowCollector,
    mode: Mode,
  ): Promise<ExecuteResult> {
    const connection = (await knex.client.acquireConnection()) as MysqlConnection & {
      __knex__disposed?: unknown;
    };
    const threadId = connection.threadId;
    const drop = (why: unknown) => {
      connection.__knex__disposed = why;
      connection.destroy();
    };
    const watcher = this.watch(options, (reason) => {
      this.options.logger.warn({ threadId, reason }, 'killing MySQL statement');
      knex.raw(`KILL QUERY ${Number(threadId)}`).catch((error: unknown) => {
        this.options.logger.warn(
          { err: error, threadId },
          'KILL QUERY failed; closing the connection',
        );
        drop(error);
      });
    });

    let inTransaction = false;
    try {
      // The session default matters as much as the transaction: a statement
      // that commits implicitly (DDL) would otherwise run outside it.
      const mariadb = await this.isMariadb(connection);
      const readOnly = mode === 'read' ? 1 : 0;
      const seconds = Math.max(0.001, options.timeoutMs / 1000);
      const session = mariadb
        ? `SET SESSION tx_read_only = ${readOnly}, SESSION max_statement_time = ${seconds}`
        : `SET SESSION transaction_read_only = ${readOnly}, SESSION max_execution_time = ${Math.ceil(options.timeoutMs)}`;
      await mysqlStatement(connection, session);
      await mysqlStatement(
        connection,
        mode === 'read' ? 'START TRANSACTION READ ONLY' : 'START TRANSACTION',
      );
      inTransaction = true;

      const outcome = await runMysqlQuery(connection, sql, bindings, collector);
      if (outcome.abandoned) {
        drop(new Error('connection closed after a read stopped at its row or byte cap'));
      } else {
        await mysqlStatement(connection, mode === 'read' ? 'ROLLBACK' : 'COMMIT');
      }
      inTransaction = false;

      const hasRows = outcome.columns.length > 0;
      return {
        affectedRows: outcome.affectedRows,
        command: null,
        result: hasRows || mode === 'read' ? collector.result() : null,
      };
    } catch (error) {
      const reason = watcher.stopped();
      if (isConnectionLost(error)) connection.__knex__disposed ??= error;
      if (inTransaction && !connection.__knex__disposed) {
        await mysqlStatement(connection, 'ROLLBACK').catch(() => undefined);
      }
      if (reason) throw stoppedError(reason, options.timeoutMs);
      throw error;
    } finally {
      watcher.done();
      await knex.client.releaseConnection(connection);
    }
  }

  private async runSqlite(
    knex: Knex,
    sql: string,
    bindings: readonly unknown[],
    options: ReadOptions,
    collector: RowCollector,
    mode: Mode,
  ): Promise<ExecuteResult> {
    const db = (await knex.client.acquireConnection()) as Database;
    try {
      const deadline = Date.now() + options.timeoutMs;
      const outcome = runSqliteStatement(
        db,
        sql,
        bindings,
        collector,
        deadline,
        mode === 'read',
        () => stoppedError('timeout', options.timeoutMs),
      );
      return {
        affectedRows: outcome.changes,
        command: null,
        result: outcome.reader || mode === 'read' ? collector.result() : null,
      };
    } finally {
      await knex.client.releaseConnection(db);
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

/** Runs an internal statement on a raw mysql2 connection. */
function mysqlStatement(connection: MysqlConnection, sql: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const rows: unknown[] = [];
    connection
      .query({ sql })
      .on('result', (row) => rows.push(row))
      .on('error', reject)
      .on('end', () => resolve(rows));
  });
}
