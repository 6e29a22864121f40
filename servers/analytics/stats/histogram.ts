import { datasetFrom, type DatasetInput } from '../sql/dataset.ts';
import { quoteIdentifier, selectRows, type StatsSource } from '../sql/engine.ts';
import { applyFilters, type FilterInput } from '../sql/filters.ts';
import { numberPlaceholder } from '../sql/params.ts';
import { toNumber } from '../sql/values.ts';

export interface HistogramQuery {
  dataset: DatasetInput;
  filters: readonly FilterInput[];
  column: string;
  bins: number;
  /** Range to cover; values outside it are counted apart. Defaults to the column's min and max. */
  min?: number;
  max?: number;
}

export interface HistogramBin {
  start: number;
  end: number;
  count: number;
}

export interface HistogramResult {
  bins: HistogramBin[];
  /** Values present but outside [min, max]. */
  outside: number;
  nulls: number;
  min: number | null;
  max: number | null;
}

/**
 * Counts values in equal-width bins inside the engine. Every bin covers
 * [start, end) except the last, which also includes values equal to max.
 */
export async function histogram(
  source: StatsSource,
  query: HistogramQuery,
): Promise<HistogramResult> {
  const { engine, knex } = source;
  const column = quoteIdentifier(engine, query.column);
  const number = numberPlaceholder(engine);

  const rangeQuery = knex.queryBuilder().from(datasetFrom(source, query.dataset));
  applyFilters(engine, rangeQuery, query.filters);
  rangeQuery.select(
    knex.raw(
      `min(${column}) as lo, max(${column}) as hi, count(*) as total, count(${column}) as present`,
    ),
  );
  const [range = {}] = await selectRows(source, rangeQuery);
  const nulls = (toNumber(range.total) ?? 0) - (toNumber(range.present) ?? 0);
  const min = query.min ?? toNumber(range.lo);
  const max = query.max ?? toNumber(range.hi);
  if (min === null || max === null || max < min) {
    return { bins: [], outside: toNumber(range.present) ?? 0, nulls, min, max };
  }

  const bins = max === min ? 1 : query.bins;
  const width = max === min ? 1 : (max - min) / bins;
  const countQuery = knex.queryBuilder().from(datasetFrom(source, query.dataset));
  applyFilters(engine, countQuery, query.filters);
  const binSql = `case when ${column} >= ${number} then ${bins - 1} else floor((${column} - ${number}) / ${number}) end`;
  countQuery
    .select(knex.raw(`${binSql} as bin, count(*) as count`, [max, min, width]))
    .whereRaw(`${column} between ${number} and ${number}`, [min, max])
    .groupByRaw('1');
  const counts = new Map<number, number>();
  let inside = 0;
  for (const row of await selectRows(source, countQuery)) {
    const bin = Math.min(bins - 1, Math.max(0, toNumber(row.bin) ?? 0));
    const count = toNumber(row.count) ?? 0;
    counts.set(bin, (counts.get(bin) ?? 0) + count);
    inside += count;
  }

  const result: HistogramBin[] = [];
  for (let index = 0; index < bins; index += 1) {
    const start = min + index * width;
    const end = index === bins - 1 ? max : min + (index + 1) * width;
    result.push({ start, end: max === min ? max : end, count: counts.get(index) ?? 0 });
  }
  return { bins: result, outside: (toNumber(range.present) ?? 0) - inside, nulls, min, max };
}
