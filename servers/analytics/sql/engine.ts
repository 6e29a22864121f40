import type { Knex } from 'knex';

/** The SQL engines the statistics are written for. */
export type Engine = 'postgres' | 'mysql' | 'sqlite';

/** A database the statistics run against: a knex instance and the engine behind it. */
export interface StatsSource {
  engine: Engine;
  knex: Knex;
  /** Maximum time one statement may run, in milliseconds. */
  timeoutMs: number;
  /** Engine features found by probing, filled on first use. */
  features?: EngineFeatures;
}

export interface EngineFeatures {
  /** An ordered-set `percentile_cont` aggregate that works with GROUP BY. */
  percentileAggregate: boolean;
  /** `stddev_samp` as an aggregate. */
  stddevAggregate: boolean;
}

/**
 * Quotes one identifier for the engine, doubling any quote character inside
 * it. The result is meant for knex.raw, so a question mark is escaped to stay
 * a character instead of a binding.
 */
export function quoteIdentifier(engine: Engine, name: string): string {
  const quoted =
    engine === 'mysql'
      ? '`' + name.replaceAll('`', '``') + '`'
      : '"' + name.replaceAll('"', '""') + '"';
  return quoted.replaceAll('?', '\\?');
}

/** Runs a select built with knex and returns its rows, cancelled after the source's timeout. */
export async function selectRows(
  source: StatsSource,
  query: Knex.QueryBuilder,
): Promise<Record<string, unknown>[]> {
  const timed =
    source.engine === 'sqlite' ? query : query.timeout(source.timeoutMs, { cancel: true });
  return (await timed) as Record<string, unknown>[];
}

/** Finds which optional aggregates the engine has, once per source. */
export async function engineFeatures(source: StatsSource): Promise<EngineFeatures> {
  if (source.features) return source.features;

  let percentileAggregate = source.engine === 'postgres';
  if (source.engine === 'sqlite') {
    // SQLite has percentile_cont only when built with its percentile extension (3.47+).
    try {
      await source.knex.raw('select percentile_cont(1, 0.5) as p');
      percentileAggregate = true;
    } catch {
      percentileAggregate = false;
    }
  }
  source.features = { percentileAggregate, stddevAggregate: source.engine !== 'sqlite' };
  return source.features;
}
