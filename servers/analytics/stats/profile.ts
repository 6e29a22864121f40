import type { ColumnInfo, ColumnKind } from '../sql/columns.ts';
import { datasetFrom, type DatasetInput } from '../sql/dataset.ts';
import { engineFeatures, quoteIdentifier, selectRows, type StatsSource } from '../sql/engine.ts';
import { applyFilters, type FilterInput } from '../sql/filters.ts';
import { toJsonValue, toNumber } from '../sql/values.ts';
import type { JsonValue } from './aggregate.ts';
import { columnMeans, varianceFromShiftedSums } from './moments.ts';
import { groupedQuantiles, type QuantileMethod } from './quantiles.ts';

export interface ColumnProfile {
  name: string;
  kind: ColumnKind;
  declaredType: string | null;
  count: number;
  nulls: number;
  distinct: number | null;
  min: JsonValue;
  max: JsonValue;
  mean: number | null;
  stddev: number | null;
  quantiles: { p: number; value: number | null }[];
  topValues: { value: JsonValue; count: number }[];
}

export interface ProfileQuery {
  dataset: DatasetInput;
  columns: readonly ColumnInfo[];
  filters: readonly FilterInput[];
  probabilities: readonly number[];
  topValues: number;
}

export interface ProfileResult {
  rowCount: number;
  columns: ColumnProfile[];
  quantileMethod: QuantileMethod | null;
}

/** Reports profile progress: the step done and the number of steps. */
export type ProgressReporter = (done: number, total: number, message: string) => Promise<void>;

function hasOrder(kind: ColumnKind): boolean {
  return kind === 'number' || kind === 'time' || kind === 'text';
}

/** Tells whether count(distinct) and grouping work for the column's kind on every engine. */
function isComparable(kind: ColumnKind): boolean {
  return kind !== 'other';
}

/**
 * Profiles columns inside the engine: one pass for counts, extremes and sums
 * over all columns, then one query per numeric column for quantiles and one
 * per column for its most frequent values.
 */
export async function profileDataset(
  source: StatsSource,
  query: ProfileQuery,
  report: ProgressReporter,
): Promise<ProfileResult> {
  const { engine, knex } = source;
  const features = await engineFeatures(source);
  const numeric = query.columns
    .filter((column) => column.kind === 'number')
    .map((column) => column.name);
  const means = features.stddevAggregate
    ? new Map<string, number | null>()
    : await columnMeans(source, query.dataset, query.filters, numeric);

  const builder = knex.queryBuilder().from(datasetFrom(source, query.dataset));
  applyFilters(engine, builder, query.filters);
  builder.select(knex.raw('count(*) as __rows'));
  query.columns.forEach((column, index) => {
    const quoted = quoteIdentifier(engine, column.name);
    builder.select(knex.raw(`count(${quoted}) as __n${index}`));
    if (isComparable(column.kind))
      builder.select(knex.raw(`count(distinct ${quoted}) as __d${index}`));
    if (hasOrder(column.kind))
      builder.select(knex.raw(`min(${quoted}) as __lo${index}, max(${quoted}) as __hi${index}`));
    if (column.kind === 'boolean') {
      builder.select(knex.raw(`sum(case when ${quoted} then 1 else 0 end) as __s${index}`));
    }
    if (column.kind === 'number') {
      builder.select(knex.raw(`sum(${quoted}) as __s${index}`));
      if (features.stddevAggregate) {
        builder.select(knex.raw(`stddev_samp(${quoted}) as __sd${index}`));
      } else {
        const shift = means.get(column.name) ?? 0;
        builder.select(
          knex.raw(
            `sum((${quoted} - ?) * (${quoted} - ?)) as __q${index}, sum(${quoted} - ?) as __qs${index}`,
            [shift, shift, shift],
          ),
        );
      }
    }
  });
  const [row = {}] = await selectRows(source, builder);
  const rowCount = toNumber(row.__rows) ?? 0;

  const steps = query.columns.length + 1;
  await report(1, steps, 'counted rows, nulls, distinct values and extremes');

  const profiles: ColumnProfile[] = [];
  let quantileMethod: QuantileMethod | null = null;
  for (const [index, column] of query.columns.entries()) {
    const count = toNumber(row[`__n${index}`]) ?? 0;
    const sum = toNumber(row[`__s${index}`]);
    const mean = sum === null || count === 0 ? null : sum / count;
    let stddev: number | null = null;
    if (column.kind === 'number') {
      const variance = features.stddevAggregate
        ? null
        : varianceFromShiftedSums(
            toNumber(row[`__q${index}`]),
            toNumber(row[`__qs${index}`]),
            count,
          );
      stddev = features.stddevAggregate
        ? toNumber(row[`__sd${index}`])
        : variance === null
          ? null
          : Math.sqrt(variance);
    }

    let quantiles: ColumnProfile['quantiles'] = [];
    if (column.kind === 'number' && query.probabilities.length > 0) {
      const result = await groupedQuantiles(source, {
        dataset: query.dataset,
        filters: query.filters,
        groupBy: [],
        column: column.name,
        probabilities: query.probabilities,
      });
      quantileMethod = result.method;
      const values = result.byGroup.get('[]') ?? [];
      quantiles = query.probabilities.map((p, position) => ({
        p,
        value: values[position] ?? null,
      }));
    }

    const topValues =
      isComparable(column.kind) && query.topValues > 0
        ? await mostFrequent(source, query, column.name)
        : [];
    const readExtreme = (value: unknown) =>
      column.kind === 'number' ? toNumber(value) : toJsonValue(value);
    profiles.push({
      name: column.name,
      kind: column.kind,
      declaredType: column.declaredType,
      count,
      nulls: rowCount - count,
      distinct: isComparable(column.kind) ? (toNumber(row[`__d${index}`]) ?? 0) : null,
      min: hasOrder(column.kind) ? readExtreme(row[`__lo${index}`]) : null,
      max: hasOrder(column.kind) ? readExtreme(row[`__hi${index}`]) : null,
      mean: column.kind === 'number' || column.kind === 'boolean' ? mean : null,
      stddev,
      quantiles,
      topValues,
    });
    await report(index + 2, steps, `profiled column ${column.name}`);
  }
  return { rowCount, columns: profiles, quantileMethod };
}

async function mostFrequent(
  source: StatsSource,
  query: ProfileQuery,
  column: string,
): Promise<{ value: JsonValue; count: number }[]> {
  const { engine, knex } = source;
  const quoted = quoteIdentifier(engine, column);
  const builder = knex.queryBuilder().from(datasetFrom(source, query.dataset));
  applyFilters(engine, builder, query.filters);
  builder
    .select(knex.raw(`${quoted} as __value, count(*) as __count`))
    .whereRaw(`${quoted} is not null`)
    .groupByRaw(quoted)
    .orderByRaw(`count(*) desc, ${quoted} asc`)
    .limit(query.topValues);
  const rows = await selectRows(source, builder);
  return rows.map((entry) => ({
    value: toJsonValue(entry.__value),
    count: toNumber(entry.__count) ?? 0,
  }));
}
