import { datasetFrom, type DatasetInput } from '../sql/dataset.ts';
import { quoteIdentifier, selectRows, type StatsSource } from '../sql/engine.ts';
import { applyFilters, type FilterInput } from '../sql/filters.ts';
import { numberPlaceholder } from '../sql/params.ts';
import { toJsonValue, toNumber } from '../sql/values.ts';
import type { JsonValue } from './aggregate.ts';
import { pairMoments } from './pairs.ts';
import { groupedQuantiles, QUANTILE_METHOD_TEXT } from './quantiles.ts';

export interface OutlierQuery {
  dataset: DatasetInput;
  filters: readonly FilterInput[];
  column: string;
  method: 'zscore' | 'iqr';
  /** Standard deviations for z-score; multiples of the interquartile range for IQR. */
  threshold: number;
  limit: number;
}

export interface OutlierResult {
  lowerBound: number | null;
  upperBound: number | null;
  /** Mean and standard deviation (z-score) or first and third quartile (IQR). */
  center: Record<string, number | null>;
  below: number;
  above: number;
  /** The most extreme rows first, each with its z-score or distance outside the bounds. */
  rows: { score: number | null; row: Record<string, JsonValue> }[];
  method: string;
}

async function zscoreBounds(source: StatsSource, query: OutlierQuery) {
  const [moments] = await pairMoments(source, query, [[query.column, query.column]]);
  const n = moments?.n ?? 0;
  const mean = moments?.meanX ?? null;
  const stddev = n >= 2 && moments ? Math.sqrt(moments.sxx / (n - 1)) : null;
  if (mean === null || stddev === null || stddev === 0) {
    return { lower: null, upper: null, center: { mean, stddev }, pivot: mean, scale: stddev };
  }
  return {
    lower: mean - query.threshold * stddev,
    upper: mean + query.threshold * stddev,
    center: { mean, stddev },
    pivot: mean,
    scale: stddev,
  };
}

async function iqrBounds(source: StatsSource, query: OutlierQuery) {
  const quantiles = await groupedQuantiles(source, {
    ...query,
    groupBy: [],
    probabilities: [0.25, 0.75],
  });
  const [q1 = null, q3 = null] = quantiles.byGroup.get('[]') ?? [];
  if (q1 === null || q3 === null) {
    return {
      lower: null,
      upper: null,
      center: { q1, q3 },
      pivot: null,
      scale: null,
      method: quantiles.method,
    };
  }
  const spread = q3 - q1;
  return {
    lower: q1 - query.threshold * spread,
    upper: q3 + query.threshold * spread,
    center: { q1, q3 },
    pivot: (q1 + q3) / 2,
    scale: spread === 0 ? null : spread,
    method: quantiles.method,
  };
}

/**
 * Finds values outside mean ± threshold·stddev (z-score) or outside
 * [Q1 - threshold·IQR, Q3 + threshold·IQR]. Counting and picking the most
 * extreme rows both happen in the engine.
 */
export async function detectOutliers(
  source: StatsSource,
  query: OutlierQuery,
): Promise<OutlierResult> {
  const { engine, knex } = source;
  const column = quoteIdentifier(engine, query.column);
  const number = numberPlaceholder(engine);
  const bounds =
    query.method === 'zscore' ? await zscoreBounds(source, query) : await iqrBounds(source, query);
  const method =
    query.method === 'zscore'
      ? 'z-score from the mean and sample standard deviation, computed in the engine'
      : `interquartile range; quartiles ${QUANTILE_METHOD_TEXT['method' in bounds ? bounds.method : 'percentile_cont']}`;
  if (bounds.lower === null || bounds.upper === null || bounds.pivot === null) {
    return {
      lowerBound: null,
      upperBound: null,
      center: bounds.center,
      below: 0,
      above: 0,
      rows: [],
      method,
    };
  }

  const countQuery = knex.queryBuilder().from(datasetFrom(source, query.dataset));
  applyFilters(engine, countQuery, query.filters);
  countQuery.select(
    knex.raw(
      `sum(case when ${column} < ${number} then 1 else 0 end) as below, sum(case when ${column} > ${number} then 1 else 0 end) as above`,
      [bounds.lower, bounds.upper],
    ),
  );
  const [counts = {}] = await selectRows(source, countQuery);

  const rowQuery = knex.queryBuilder().from(datasetFrom(source, query.dataset));
  applyFilters(engine, rowQuery, query.filters);
  rowQuery
    .select('*')
    .whereRaw(`(${column} < ${number} or ${column} > ${number})`, [bounds.lower, bounds.upper])
    .orderByRaw(`abs(${column} - ${number}) desc`, [bounds.pivot])
    .limit(query.limit);
  const rows = (await selectRows(source, rowQuery)).map((raw) => {
    const row: Record<string, JsonValue> = {};
    for (const [key, value] of Object.entries(raw)) row[key] = toJsonValue(value);
    const value = toNumber(raw[query.column]);
    let score: number | null = null;
    if (value !== null && query.method === 'zscore' && bounds.scale)
      score = (value - bounds.pivot) / bounds.scale;
    if (value !== null && query.method === 'iqr' && bounds.scale) {
      const distance =
        value < (bounds.lower ?? 0) ? value - (bounds.lower ?? 0) : value - (bounds.upper ?? 0);
      score = distance / bounds.scale;
    }
    return { score, row };
  });

  return {
    lowerBound: bounds.lower,
    upperBound: bounds.upper,
    center: bounds.center,
    below: toNumber(counts.below) ?? 0,
    above: toNumber(counts.above) ?? 0,
    rows,
    method,
  };
}
