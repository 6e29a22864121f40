import type { Database } from 'better-sqlite3';
import { stoppedError } from '../errors.ts';
import { runSqliteStatement } from '../read/sqlite.ts';
import type { ExecuteResult } from '../types.ts';
import type { StatementRun } from './types.ts';

/** Runs one statement on the pool's single SQLite connection. */
export async function runOnSqlite(run: StatementRun): Promise<ExecuteResult> {
  const { knex, options, mode } = run;
  const db = (await knex.client.acquireConnection()) as Database;
  try {
    const deadline = Date.now() + options.timeoutMs;
    const outcome = runSqliteStatement(
      db,
      run.sql,
      run.bindings,
      run.collector,
      deadline,
      mode === 'read',
      run.readOnlyHint,
      () => stoppedError('timeout', options.timeoutMs),
    );
    return {
      affectedRows: outcome.changes,
      command: null,
      result: outcome.reader || mode === 'read' ? run.collector.result() : null,
    };
  } finally {
    await knex.client.releaseConnection(db);
  }
}
