import { z } from 'zod';
import type { ReadOptions, ReadResult } from '../../../shared/sql/index.ts';
import type { ToolCall } from '../../../shared/tools.ts';
import type { DatabaseDeps } from '../deps.ts';

export const sqlInput = z
  .string()
  .min(1, 'expected one SQL statement')
  .max(100_000, 'expected at most 100000 characters of SQL')
  .describe('exactly one SQL statement');

export const paramsInput = z
  .array(z.union([z.string(), z.number(), z.boolean(), z.null()]))
  .max(1000)
  .optional()
  .describe(
    'values bound to the placeholders: $1, $2... on PostgreSQL, ? on MySQL, MariaDB and SQLite',
  );

export const maxRowsInput = z
  .number()
  .int()
  .min(1)
  .optional()
  .describe('rows to return at most; the server cap applies when this is larger');

export const columnShape = z.object({ name: z.string(), type: z.string() });

/** Rows as arrays in column order, so repeated column names stay apart; values are exact JSON. */
export const resultShape = {
  columns: z.array(columnShape),
  rows: z.array(z.array(z.unknown())),
  row_count: z.number().int(),
  truncated: z.boolean(),
  truncated_reason: z.enum(['max_rows', 'max_bytes']).nullable(),
};

export interface ResultFields {
  columns: { name: string; type: string }[];
  rows: unknown[][];
  row_count: number;
  truncated: boolean;
  truncated_reason: 'max_rows' | 'max_bytes' | null;
}

export function resultFields(result: ReadResult): ResultFields {
  return {
    columns: result.columns,
    rows: result.rows,
    row_count: result.rowCount,
    truncated: result.truncated,
    truncated_reason: result.truncatedReason ?? null,
  };
}

/** Builds the caps for one call from the server limits and an optional lower row cap. */
export function readOptions(call: ToolCall<DatabaseDeps>, maxRows?: number): ReadOptions {
  const { limits } = call.deps;
  return {
    maxRows: Math.min(maxRows ?? limits.maxRows, limits.maxRows),
    maxBytes: limits.maxBytes,
    timeoutMs: limits.timeoutMs,
    signal: call.signal,
  };
}

/** Interval of the "still running" progress notifications, in milliseconds. */
const HEARTBEAT_MS = 2000;

/**
 * Runs one statement and sends progress notifications while it runs: one
 * every 5000 rows read, and one every 2 seconds while the engine works
 * without returning rows. The progress value counts the notifications, so
 * it always increases.
 */
export async function runWithProgress<T>(
  call: ToolCall<DatabaseDeps>,
  options: ReadOptions,
  run: (options: ReadOptions) => Promise<T>,
): Promise<T> {
  let step = 0;
  const started = performance.now();
  const send = (message: string) => {
    step += 1;
    call.progress(step, undefined, message).catch((error: unknown) => {
      call.logger.warn({ err: error }, 'progress notification failed');
    });
  };

  const timer = setInterval(() => {
    const seconds = Math.round((performance.now() - started) / 1000);
    send(`statement running for ${seconds} s`);
  }, HEARTBEAT_MS);
  timer.unref();

  try {
    return await run({ ...options, onProgress: (rowsRead) => send(`${rowsRead} rows read`) });
  } finally {
    clearInterval(timer);
  }
}

function cell(value: unknown): string {
  if (value === null) return 'NULL';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.replace(/[\t\n\r]/g, ' ');
}

/** Renders a result as tab-separated text, for clients that read only text. */
export function renderResult(result: ReadResult): string {
  const lines: string[] = [];
  const noun = result.rowCount === 1 ? 'row' : 'rows';
  let summary = `${result.rowCount} ${noun}`;
  if (result.truncated) {
    const cap = result.truncatedReason === 'max_bytes' ? 'the byte cap' : 'the row cap';
    summary += ` (truncated at ${cap}; add a LIMIT, fewer columns or aggregate to see the rest)`;
  }
  lines.push(summary);
  if (result.columns.length > 0) {
    lines.push(
      result.columns.map((column) => `${column.name} (${column.type || 'unknown'})`).join('\t'),
    );
    for (const row of result.rows) lines.push(row.map(cell).join('\t'));
  }
  return lines.join('\n');
}
