import { isConnectionLost, stoppedError } from '../errors.ts';
import { runMysqlQuery, type MysqlConnection } from '../read/mysql.ts';
import type { ExecuteResult } from '../types.ts';
import type { StatementRun } from './types.ts';
import { watchStatement } from './watch.ts';

/** State the engine keeps between MySQL statements. */
export interface MysqlState {
  /** MariaDB names its read-only and timeout variables differently; learned on first use. */
  mariadb?: boolean;
}

type PooledConnection = MysqlConnection & { __knex__disposed?: unknown };

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

async function isMariadb(connection: MysqlConnection, state: MysqlState): Promise<boolean> {
  if (state.mariadb === undefined) {
    const version = await mysqlStatement(connection, 'SELECT VERSION() AS version');
    state.mariadb = /mariadb/i.test(String((version[0] as { version?: unknown })?.version));
  }
  return state.mariadb;
}

/**
 * Runs one statement in its own transaction with the session set to the
 * same mode: read-only and rolled back for a read, committed for a write,
 * under the server's statement timeout.
 */
export async function runOnMysql(run: StatementRun, state: MysqlState): Promise<ExecuteResult> {
  const { knex, options, logger, mode } = run;
  const connection = (await knex.client.acquireConnection()) as PooledConnection;
  const threadId = connection.threadId;
  const drop = (cause: unknown) => {
    connection.__knex__disposed = cause;
    connection.destroy();
  };
  const watcher = watchStatement(options, (reason) => {
    logger.warn({ threadId, reason }, 'killing MySQL statement');
    knex.raw(`KILL QUERY ${Number(threadId)}`).catch((error: unknown) => {
      logger.warn({ err: error, threadId }, 'KILL QUERY failed; closing the connection');
      drop(error);
    });
  });

  let inTransaction = false;
  try {
    // The session default matters as much as the transaction: a statement
    // that commits implicitly (DDL) would otherwise run outside it.
    const mariadb = await isMariadb(connection, state);
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

    const outcome = await runMysqlQuery(connection, run.sql, run.bindings, run.collector);
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
      result: hasRows || mode === 'read' ? run.collector.result() : null,
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
