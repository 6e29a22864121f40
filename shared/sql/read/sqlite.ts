import type { Database } from 'better-sqlite3';
import { ToolError } from '../../errors.ts';
import type { RowCollector } from '../collector.ts';
import { toJsonValue } from '../values.ts';

export interface SqliteOutcome {
  reader: boolean;
  changes: number | null;
}

/**
 * Runs one statement on a better-sqlite3 connection. `prepare` rejects a
 * text with a second statement. Rows are read one at a time with `iterate`,
 * and integers arrive as bigint so none loses precision. With `readOnly`, a
 * statement SQLite reports as writing (sqlite3_stmt_readonly) is rejected
 * before it runs, even on a connection opened read-write.
 */
export function runSqliteStatement(
  db: Database,
  sql: string,
  bindings: readonly unknown[],
  collector: RowCollector,
  deadline: number,
  readOnly: boolean,
  onTimeout: () => Error,
): SqliteOutcome {
  const statement = db.prepare(sql);
  if (readOnly && !statement.readonly) {
    throw new ToolError('READ_ONLY', 'The statement would change the database.', {
      hint: 'this call is read-only; use a SELECT, or restart with --allow-write and call execute',
    });
  }

  const values = bindings.map((value) => (typeof value === 'boolean' ? Number(value) : value));
  if (!statement.reader) {
    const info = statement.run(...values);
    return { reader: false, changes: info.changes };
  }

  statement.safeIntegers(true);
  statement.raw(true);
  collector.columns = statement.columns().map((column) => ({
    name: column.name,
    type: (column.type ?? '').toLowerCase(),
  }));

  // NOTE: the deadline is checked between rows, so a single step that runs
  // long (an aggregate over a huge table) is not interrupted; better-sqlite3
  // 12 exposes no sqlite3_interrupt.
  for (const row of statement.iterate(...values) as Iterable<unknown[]>) {
    if (Date.now() > deadline) throw onTimeout();
    if (!collector.add(row.map(toJsonValue))) break;
  }
  return { reader: true, changes: null };
}
