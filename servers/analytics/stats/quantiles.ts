import type { Knex } from 'knex';
import { datasetFrom, type DatasetInput } from '../sql/dataset.ts';
import { engineFeatures, quoteIdentifier, selectRows, type StatsSource } from '../sql/engine.ts';
import { applyFilters, type FilterInput } from '../sql/filters.ts';
import { toNumber } from '../sql/values.ts';
import { groupKey } from './groups.ts';

/**
 * The method quantiles were computed with. Both are exact and linearly
 * interpolated between the closest ranks, as PostgreSQL's percentile_cont is.
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
  /** Computed group keys, such as time buckets, grouped by after the columns. */
  groupExpressions?: readonly SqlTerm[];
  /** WHERE conditions beyond the filters, each with its bindings. */
  conditions?: readonly SqlCondition[];
  column: string;
  /** Probabilities from 0 to 1. */
  probabilities: readonly number[];
}

/** An SQL expression and the name its value is selected under. */
export interface SqlTerm {
  alias: string;
  sql: string;
}

export interface SqlCondition {
  sql: string;
  bindings: readonly Knex.Value[];
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
 * Computes the position between ranks, rounded so that (n - 1) * p lands on
 * the same whole number in JavaScript as in the engine's exact arithmetic.
 */
function rankPosition(count: number, probability: number): number {
  return Math.round((count - 1) * probability * 1e9) / 1e9;
}

function groupTerms(source: StatsSource, query: QuantileQuery): SqlTerm[] {
  const columns = query.groupBy.map((column) => ({
    alias: column,
    sql: quoteIdentifier(source.engine, column),
  }));
  return [...columns, ...(query.groupExpressions ?? [])];
}

/** Starts a query over the dataset with the filters and extra conditions applied. */
function scopedQuery(source: StatsSource, query: QuantileQuery): Knex.QueryBuilder {
  const builder = source.knex.queryBuilder().from(datasetFrom(source, query.dataset));
  applyFilters(source.engine, builder, query.filters);
  for (const condition of query.conditions ?? [])
    builder.whereRaw(condition.sql, condition.bindings);
  return builder;
}

function selectTerms(source: StatsSource, builder: Knex.QueryBuilder, terms: SqlTerm[]): void {
  for (const term of terms) {
    builder.select(source.knex.raw(`${term.sql} as ${quoteIdentifier(source.engine, term.alias)}`));
  }
}

async function nativeQuantiles(source: StatsSource, query: QuantileQuery): Promise<QuantileResult> {
  const builder = scopedQuery(source, query);
  const terms = groupTerms(source, query);
  const aliases = terms.map((term) => term.alias);
  selectTerms(source, builder, terms);
  query.probabilities.forEach((probability, index) => {
    const expression = nativeQuantileSql(source, query.column, probability);
    builder.select(
      source.knex.raw(`? as ${quoteIdentifier(source.engine, `__q${index}`)}`, [expression]),
    );
  });
  if (terms.length > 0) builder.groupByRaw(terms.map((term) => term.sql).join(', '));

  const byGroup = new Map<string, (number | null)[]>();
  for (const row of await selectRows(source, builder)) {
    const values = query.probabilities.map((_, index) => toNumber(row[`__q${index}`]));
    byGroup.set(groupKey(row, aliases), values);
  }
  return { method: 'percentile_cont', byGroup };
}

// NOTE: engines without window functions (MySQL before 8.0, SQLite before
// 3.25) cannot run this query, and no streaming fallback exists for them.
async function windowRankQuantiles(
  source: StatsSource,
  query: QuantileQuery,
): Promise<QuantileResult> {
  const { engine, knex } = source;
  const value = quoteIdentifier(engine, query.column);
  const terms = groupTerms(source, query);
  const aliases = terms.map((term) => term.alias);
  const partition =
    terms.length > 0 ? `partition by ${terms.map((term) => term.sql).join(', ')} ` : '';

  const ranked = scopedQuery(source, query);
  ranked.whereRaw(`${value} is not null`);
  selectTerms(source, ranked, terms);
  ranked.select(
    knex.raw(`${value} as __v`),
    knex.raw(`row_number() over (${partition}order by ${value}) as __rn`),
    knex.raw(`count(*) over (${partition.trim()}) as __n`),
  );

  // Each quantile needs the rows at floor and ceil of (n - 1) * p. The margin
  // keeps both, even where the engine rounds that product differently.
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
    const key = groupKey(row, aliases);
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
