import type { Knex } from 'knex';
import { ToolError } from '../../../shared/errors.ts';
import type { SqlEngine } from '../../../shared/sql/index.ts';

/** The SQL engines the statistics are written for. */
export type Engine = 'postgres' | 'mysql' | 'sqlite';

/** A database the statistics run against, for the length of one tool call. */
export interface StatsSource {
  engine: Engine;
  /** Builds queries only; they run through `sql`, read-only and under its timeout. */
  knex: Knex;
  sql: SqlEngine;
  /** Maximum time one statement may run, in milliseconds. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Engine features found by probing, filled on first use. */
  features?: EngineFeatures;
}

export interface EngineFeatures {
  /** An ordered-set `percentile_cont` aggregate that works with GROUP BY. */
  percentileAggregate: boolean;
  /** `stddev_samp` as an aggregate. */
  stddevAggregate: boolean;
}

/** Rows one statistics statement may return; each builder bounds its own result far below this. */
const MAX_RESULT_ROWS = 100_000;
const MAX_RESULT_BYTES = 64 * 1024 * 1024;

const probedFeatures = new WeakMap<SqlEngine, EngineFeatures>();

/** Opens a statistics source over a shared SQL engine; the first call opens its pool. */
export async function statsSource(
  sql: SqlEngine,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<StatsSource> {
  const knex = await sql.knex();
  const source: StatsSource = { engine: sql.dialect, knex, sql, timeoutMs: options.timeoutMs };
  if (options.signal) source.signal = options.signal;
  const features = probedFeatures.get(sql);
  if (features) source.features = features;
  return source;
}

/**
 * Quotes one identifier for the engine, doubling any quote character inside
 * it. The result is spliced into knex.raw text, where a question mark would
 * be taken for a binding, so names containing one are rejected.
 */
export function quoteIdentifier(engine: Engine, name: string): string {
  if (name.includes('?')) {
    // NOTE: knex leaves an escaped \? in raw text without bindings as it is on
    // MySQL and SQLite, so no escape works on every engine.
    throw new ToolError('UNSUPPORTED', `Names containing "?" are not supported: "${name}".`, {
      hint: 'Rename the column, or give a "sql" dataset that selects it under another name.',
    });
  }
  if (engine === 'mysql') return '`' + name.replaceAll('`', '``') + '`';
  return '"' + name.replaceAll('"', '""') + '"';
}

/** Runs a select built with knex as one read-only statement and returns its rows as objects. */
export async function selectRows(
  source: StatsSource,
  query: Knex.QueryBuilder,
): Promise<Record<string, unknown>[]> {
  const { sql, bindings } = query.toSQL().toNative();
  const result = await source.sql.readQuery(sql, bindings, {
    maxRows: MAX_RESULT_ROWS,
    maxBytes: MAX_RESULT_BYTES,
    timeoutMs: source.timeoutMs,
    ...(source.signal ? { signal: source.signal } : {}),
  });
  if (result.truncated) {
    throw new ToolError(
      'TOO_LARGE',
      `A statistics query returned more than ${MAX_RESULT_ROWS} rows.`,
      {
        hint: 'Group by fewer or coarser columns, or add filters.',
      },
    );
  }
  return result.rows.map((row) => {
    const record: Record<string, unknown> = {};
    result.columns.forEach((column, index) => {
      record[column.name] = row[index];
    });
    return record;
  });
}

/** Finds which optional aggregates the engine has, once per engine. */
export async function engineFeatures(source: StatsSource): Promise<EngineFeatures> {
  if (source.features) return source.features;

  let percentileAggregate = source.engine === 'postgres';
  if (source.engine === 'sqlite') {
    // SQLite has percentile_cont only when built with its percentile extension (3.47+).
    try {
      await source.sql.readQuery('select percentile_cont(1, 0.5) as p', [], {
        maxRows: 1,
        maxBytes: 1024,
        timeoutMs: source.timeoutMs,
      });
      percentileAggregate = true;
    } catch {
      percentileAggregate = false;
    }
  }
  source.features = { percentileAggregate, stddevAggregate: source.engine !== 'sqlite' };
  probedFeatures.set(source.sql, source.features);
  return source.features;
}
