import type { Client as PgClient } from 'pg';
import { isConnectionLost, stoppedError } from '../errors.ts';
import { runPortalQuery, type PgField, type PgModule } from '../read/postgres.ts';
import type { ExecuteResult } from '../types.ts';
import type { StatementRun } from './types.ts';
import { watchStatement } from './watch.ts';

/** State the engine keeps between PostgreSQL statements. */
export interface PostgresState {
  pg: PgModule;
  /** pg_type names by OID, filled as result columns need them. */
  typeNames: Map<number, string>;
}

type PooledClient = PgClient & { processID: number; __knex__disposed?: unknown };

/**
 * Runs one statement in its own transaction: `READ ONLY` and rolled back for
 * a read, committed for a write, always under `SET LOCAL statement_timeout`.
 */
export async function runOnPostgres(
  run: StatementRun,
  state: PostgresState,
): Promise<ExecuteResult> {
  const { knex, options, logger, mode } = run;
  const client = (await knex.client.acquireConnection()) as PooledClient;
  const pid = client.processID;
  const watcher = watchStatement(options, (reason) => {
    logger.warn({ pid, reason }, 'cancelling PostgreSQL statement');
    knex.raw('SELECT pg_cancel_backend(?)', [pid]).catch((error: unknown) => {
      logger.warn({ err: error, pid }, 'pg_cancel_backend failed; closing the connection');
      client.__knex__disposed = error;
      (
        client as unknown as { connection: { stream: { destroy(): void } } }
      ).connection.stream.destroy();
    });
  });

  let inTransaction = false;
  try {
    // One round trip: both statements are this module's own text, and the
    // simple query protocol runs them in order.
    const begin = mode === 'read' ? 'BEGIN TRANSACTION READ ONLY' : 'BEGIN';
    const timeout = Math.max(1, Math.floor(options.timeoutMs));
    inTransaction = true;
    await client.query(`${begin}; SET LOCAL statement_timeout = ${timeout}`);

    const outcome = await runPortalQuery(state.pg, client, run.sql, run.bindings, run.collector);
    await client.query(mode === 'write' ? 'COMMIT' : 'ROLLBACK');
    inTransaction = false;

    run.collector.columns = await columnTypes(client, outcome.fields, state.typeNames);
    const hasRows = outcome.fields.length > 0;
    return {
      affectedRows: hasRows ? null : outcome.rowCount,
      command: outcome.command,
      result: hasRows || mode === 'read' ? run.collector.result() : null,
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

/** Names result column types, looking each OID up in pg_type once. */
async function columnTypes(client: PgClient, fields: PgField[], typeNames: Map<number, string>) {
  const missing = [...new Set(fields.map((field) => field.dataTypeID))].filter(
    (oid) => !typeNames.has(oid),
  );
  if (missing.length > 0) {
    const found = await client.query<{ oid: number; typname: string }>(
      'SELECT oid::int AS oid, typname FROM pg_catalog.pg_type WHERE oid = ANY($1::oid[])',
      [missing],
    );
    for (const row of found.rows) typeNames.set(row.oid, row.typname);
  }
  return fields.map((field) => ({
    name: field.name,
    type: typeNames.get(field.dataTypeID) ?? `oid ${field.dataTypeID}`,
  }));
}
