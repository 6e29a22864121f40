import type { Database } from 'better-sqlite3';
import { ToolError } from '../../errors.ts';
import type { RowCollector } from '../collector.ts';
import type { ResultColumn } from '../types.ts';
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
 * before it runs, even on a connection opened read-write, with `readOnlyHint`
 * as the advice.
 */
export function runSqliteStatement(
  db: Database,
  sql: string,
  bindings: readonly unknown[],
  collector: RowCollector,
  deadline: number,
  readOnly: boolean,
  readOnlyHint: string,
  onTimeout: () => Error,
): SqliteOutcome {
  const statement = db.prepare(sql);
  if (readOnly && !statement.readonly) {
    throw new ToolError('READ_ONLY', 'The statement would change the database.', {
      hint: readOnlyHint,
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

  // NOTE: the deadline is checked between rows, so a single long step (an
  // aggregate over a huge table) is not interrupted. better-sqlite3 12
  // exposes no sqlite3_interrupt.
  let untyped = collector.columns.flatMap((column, index) => (column.type ? [] : [index]));
  for (const row of statement.iterate(...values) as Iterable<unknown[]>) {
    if (Date.now() > deadline) throw onTimeout();
    if (!collector.add(row.map(toJsonValue))) break;
    if (untyped.length > 0) untyped = typeColumnsFromRow(collector.columns, untyped, row);
  }
  return { reader: true, changes: null };
}

/**
 * Sets the type of each listed column whose value in this row is not null,
 * and returns the columns still without a type.
 */
function typeColumnsFromRow(columns: ResultColumn[], untyped: number[], row: unknown[]): number[] {
  return untyped.filter((index) => {
    const type = storageClassOf(row[index]);
    if (type) columns[index]!.type = type;
    return type === undefined;
  });
}

/**
 * Names the SQLite storage class of one value read with safe integers on.
 * SQLite declares no type for an expression column such as `SUM(x)`, so the
 * first non-null value among the returned rows names it.
 * NOTE: SQLite types values, not columns, so later rows of an expression
 * column may hold another storage class than the one reported.
 */
function storageClassOf(value: unknown): string | undefined {
  if (typeof value === 'bigint') return 'integer';
  if (typeof value === 'number') return 'real';
  if (typeof value === 'string') return 'text';
  if (value instanceof Uint8Array) return 'blob';
  return undefined;
}
