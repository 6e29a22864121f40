import type { Knex } from 'knex';
import { datasetFrom, type DatasetInput } from '../sql/dataset.ts';
import { engineFeatures, quoteIdentifier, selectRows, type StatsSource } from '../sql/engine.ts';
import { applyFilters, type FilterInput } from '../sql/filters.ts';
import { toNumber } from '../sql/values.ts';
import { groupKey } from './groups.ts';

/**
 * How quantiles were computed. Both are exact and linearly interpolated
 * between the closest ranks (PostgreSQL's percentile_cont definition).
 */
export type QuantileMethod = 'percentile_cont' | 'window_rank';

export const QUANTILE_METHOD_TEXT: Record<QuantileMethod, string> = {
  percentile_cont: "exact, by the engine's percentile_cont aggregate",
  window_rank:
    'exact, in the engine: this engine has no percentile aggregate, so rows are ranked with ROW_NUMBER() and only the two rows around each quantile are read',
};

export interface QuantileQuery {
  dataset: DatasetInput;
  filters: readonly FilterInput[];
  groupBy: readonly string[];
  column: string;
  /** Probabilities from 0 to 1. */
  probabilities: readonly number[];
}

export interface QuantileResult {
  method: QuantileMethod;
  /** Quantile values per group key (see groupKey), in the order of the probabilities. */
  byGroup: Map<string, (number | null)[]>;
}

/** Builds the SQL expression for one quantile on an engine that has a percentile aggregate. */
export function nativeQuantileSql(
  source: StatsSource,
  column: string,
  probability: number,
): Knex.Raw {
  const quoted = quoteIdentifier(source.engine, column);
  if (source.engine === 'postgres') {
    return source.knex.raw(`percentile_cont(?) within group (order by ${quoted})`, [probability]);
  }
  return source.knex.raw(`percentile_cont(${quoted}, ?)`, [probability]);
}

/** Tells whether quantiles can be computed by an aggregate inside a GROUP BY query. */
export async function hasNativeQuantiles(source: StatsSource): Promise<boolean> {
  return (await engineFeatures(source)).percentileAggregate;
}

/**
 * The position between ranks, rounded so that (n - 1) * p lands on the same
 * whole number in JavaScript as in the engine's exact arithmetic.
 */
function rankPosition(count: number, probability: number): number {
  return Math.round((count - 1) * probability * 1e9) / 1e9;
}

async function nativeQuantiles(source: StatsSource, query: QuantileQuery): Promise<QuantileResult> {
  const builder = source.knex.queryBuilder().from(datasetFrom(source, query.dataset));
  applyFilters(source.engine, builder, query.filters);
  const groupColumns = query.groupBy.map((column) => quoteIdentifier(source.engine, column));
  for (const [index, column] of query.groupBy.entries()) {
    builder.select(
      source.knex.raw(`${groupColumns[index]} as ${quoteIdentifier(source.engine, column)}`),
    );
  }
  query.probabilities.forEach((probability, index) => {
    const expression = nativeQuantileSql(source, query.column, probability);
    builder.select(
      source.knex.raw(`? as ${quoteIdentifier(source.engine, `__q${index}`)}`, [expression]),
    );
  });
  if (groupColumns.length > 0) builder.groupByRaw(groupColumns.join(', '));

  const byGroup = new Map<string, (number | null)[]>();
  for (const row of await selectRows(source, builder)) {
    const values = query.probabilities.map((_, index) => toNumber(row[`__q${index}`]));
    byGroup.set(groupKey(row, query.groupBy), values);
  }
  return { method: 'percentile_cont', byGroup };
}

async function windowRankQuantiles(
  source: StatsSource,
  query: QuantileQuery,
): Promise<QuantileResult> {
  const { engine, knex } = source;
  const value = quoteIdentifier(engine, query.column);
  const groupColumns = query.groupBy.map((column) => quoteIdentifier(engine, column));
  const partition = groupColumns.length > 0 ? `partition by ${groupColumns.join(', ')} ` : '';

  const ranked = knex.queryBuilder().from(datasetFrom(source, query.dataset));
  applyFilters(engine, ranked, query.filters);
  ranked.whereRaw(`${value} is not null`);
  for (const column of groupColumns) ranked.select(knex.raw(column));
  ranked.select(
    knex.raw(`${value} as __v`),
    knex.raw(`row_number() over (${partition}order by ${value}) as __rn`),
    knex.raw(`count(*) over (${partition.trim()}) as __n`),
  );

  // Each quantile needs the rows at floor and ceil of (n - 1) * p; the margin
  // keeps both even where the engine rounds that product differently.
  const conditions = query.probabilities.map(
    () => '(__rn between floor((__n - 1) * ? - 0.001) + 1 and ceil((__n - 1) * ? + 0.001) + 1)',
  );
  const bindings = query.probabilities.flatMap((probability) => [probability, probability]);
  const outer = knex
    .queryBuilder()
    .select('*')
    .from(knex.raw(`(?) as ${quoteIdentifier(engine, 'ranked')}`, [ranked]))
    .whereRaw(conditions.join(' or '), bindings);

  const groups = new Map<string, { count: number; byRank: Map<number, number> }>();
  for (const row of await selectRows(source, outer)) {
    const key = groupKey(row, query.groupBy);
    const group = groups.get(key) ?? { count: toNumber(row.__n) ?? 0, byRank: new Map() };
    const number = toNumber(row.__v);
    if (number !== null) group.byRank.set(toNumber(row.__rn) ?? 0, number);
    groups.set(key, group);
  }

  const byGroup = new Map<string, (number | null)[]>();
  for (const [key, group] of groups) {
    const values = query.probabilities.map((probability) => {
      const position = rankPosition(group.count, probability);
      const low = group.byRank.get(Math.floor(position) + 1);
      const high = group.byRank.get(Math.ceil(position) + 1);
      if (low === undefined || high === undefined) return null;
      return low + (position - Math.floor(position)) * (high - low);
    });
    byGroup.set(key, values);
  }
  return { method: 'window_rank', byGroup };
}

/**
 * Computes quantiles of a column per group inside the engine: with its
 * percentile_cont aggregate where there is one, otherwise from ranked rows.
 * Groups whose column is entirely null are absent from the result.
 */
export async function groupedQuantiles(
  source: StatsSource,
  query: QuantileQuery,
): Promise<QuantileResult> {
  if (await hasNativeQuantiles(source)) return nativeQuantiles(source, query);
  return windowRankQuantiles(source, query);
}
