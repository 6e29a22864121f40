import { ToolError } from '../../../shared/errors.ts';
import type { ColumnInfo } from '../sql/columns.ts';
import { datasetFrom, type DatasetInput } from '../sql/dataset.ts';
import { engineFeatures, selectRows, type StatsSource } from '../sql/engine.ts';
import { applyFilters, type FilterInput } from '../sql/filters.ts';
import { toNumber } from '../sql/values.ts';
import { planMetric, type JsonValue, type MetricPlan } from './aggregate.ts';
import { groupKey } from './groups.ts';
import type { Metric } from './metrics.ts';
import { columnMeans } from './moments.ts';
import { groupedQuantiles, type SqlCondition } from './quantiles.ts';
import {
  bucketLabel,
  bucketOf,
  bucketsPerYear,
  bucketSql,
  bucketStart,
  nextBucket,
  unixSecondsSql,
  wallClockSql,
  type Interval,
} from './time-buckets.ts';
import { formatInZone, offsetSpans, wallClockToUnix } from './time-zone.ts';

export const MAX_BUCKETS = 10_000;

export interface TimeSeriesQuery {
  dataset: DatasetInput;
  filters: readonly FilterInput[];
  columns: readonly ColumnInfo[];
  timeColumn: ColumnInfo;
  interval: Interval;
  timeZone: string;
  metrics: readonly Metric[];
  /** Inclusive start and exclusive end, as Unix seconds. */
  start?: number;
  end?: number;
  fillGaps: boolean;
  /** Trailing window, in buckets, for the moving average; 0 for none. */
  movingAverage: number;
  compare: 'none' | 'previous' | 'year';
}

export interface TimeSeriesPoint {
  start: string;
  label: string;
  /** True when no row fell in this bucket and it was added to fill a gap. */
  filled: boolean;
  values: Record<string, number | null>;
  movingAverage?: Record<string, number | null>;
  change?: Record<string, number | null>;
  percentChange?: Record<string, number | null>;
}

export interface TimeSeriesResult {
  points: TimeSeriesPoint[];
  methods: Record<string, string>;
  sql: string;
}

/** Metrics a gap counts as zero for; the others are null in an empty bucket. */
const ZERO_WHEN_EMPTY = new Set(['count', 'count_distinct', 'sum']);

function movingAverages(series: (number | null)[], window: number): (number | null)[] {
  return series.map((_, index) => {
    const values = series
      .slice(Math.max(0, index - window + 1), index + 1)
      .filter((value) => value !== null);
    return values.length === 0
      ? null
      : values.reduce((total, value) => total + value, 0) / values.length;
  });
}

/**
 * Buckets rows by wall-clock time in a zone and computes the metrics per
 * bucket in the engine. The zone's offsets over the data's range are found
 * here and sent as a CASE expression, so named zones with daylight saving
 * work on engines without time zone tables.
 */
export async function timeSeries(
  source: StatsSource,
  query: TimeSeriesQuery,
): Promise<TimeSeriesResult> {
  const { engine, knex } = source;
  const features = await engineFeatures(source);
  const unix = unixSecondsSql(engine, query.timeColumn.name, query.timeColumn.kind);

  const range: SqlCondition[] = [];
  if (query.start !== undefined) range.push({ sql: `${unix} >= ?`, bindings: [query.start] });
  if (query.end !== undefined) range.push({ sql: `${unix} < ?`, bindings: [query.end] });
  const scoped = () => {
    const builder = knex.queryBuilder().from(datasetFrom(source, query.dataset));
    applyFilters(engine, builder, query.filters);
    for (const condition of range) builder.whereRaw(condition.sql, condition.bindings);
    return builder;
  };

  const [extremes = {}] = await selectRows(
    source,
    scoped().select(knex.raw(`min(${unix}) as lo, max(${unix}) as hi`)),
  );
  const low = query.start ?? toNumber(extremes.lo);
  const high = query.end ?? toNumber(extremes.hi);
  if (low === null || high === null) return { points: [], methods: {}, sql: '' };

  const spans = offsetSpans(query.timeZone, low, high);
  const bucket = bucketSql(engine, wallClockSql(unix, spans), query.interval);
  const stddevColumns = query.metrics
    .filter((metric) => metric.fn === 'stddev')
    .map((metric) => metric.column ?? '');
  const means =
    !features.stddevAggregate && stddevColumns.length > 0
      ? await columnMeans(source, query.dataset, query.filters, stddevColumns)
      : new Map<string, number | null>();

  const builder = scoped().select(knex.raw(`${bucket} as __bucket`));
  const context = {
    columns: query.columns,
    stddevNative: features.stddevAggregate,
    quantilesNative: features.percentileAggregate,
    means,
  };
  const plans = query.metrics.map((metric, index) =>
    planMetric(source, builder, metric, index, context),
  );
  builder
    .whereRaw(`${unix} is not null`)
    .groupByRaw('1')
    .orderByRaw('1')
    .limit(MAX_BUCKETS + 1);

  const rows = await selectRows(source, builder);
  if (rows.length > MAX_BUCKETS) {
    throw new ToolError(
      'TOO_LARGE',
      `The series has more than ${MAX_BUCKETS} ${query.interval} buckets.`,
      {
        hint: 'Use a longer interval, or narrow the range with "start" and "end".',
      },
    );
  }
  const ranked = await rankedQuantiles(source, query, plans, {
    bucket,
    conditions: [...range, { sql: `${unix} is not null`, bindings: [] }],
  });
  const found = new Map<number, Record<string, number | null>>();
  for (const row of rows) {
    const key = toNumber(row.__bucket);
    if (key === null) continue;
    const values: Record<string, number | null> = {};
    for (const plan of plans) values[plan.metric.alias] = toNumber(plan.read(row) as JsonValue);
    for (const [alias, byBucket] of ranked) {
      values[alias] = byBucket.get(groupKey(row, ['__bucket'])) ?? null;
    }
    found.set(key, values);
  }

  const keys = [...found.keys()].sort((a, b) => a - b);
  if (query.fillGaps && keys.length > 0) {
    const first =
      query.start !== undefined
        ? bucketOf(query.start + (spans[0]?.offset ?? 0), query.interval)
        : keys[0];
    const lastTime = query.end !== undefined ? query.end - 1 : undefined;
    const last =
      lastTime !== undefined
        ? bucketOf(lastTime + (spans.at(-1)?.offset ?? 0), query.interval)
        : keys.at(-1);
    keys.length = 0;
    for (let key = first ?? 0; key <= (last ?? 0); key = nextBucket(key, query.interval)) {
      keys.push(key);
      if (keys.length > MAX_BUCKETS) {
        throw new ToolError(
          'TOO_LARGE',
          `Filling gaps would make more than ${MAX_BUCKETS} ${query.interval} buckets.`,
          {
            hint: 'Use a longer interval, narrow the range, or set fillGaps to false.',
          },
        );
      }
    }
  }

  const points: TimeSeriesPoint[] = keys.map((key) => {
    const values = found.get(key);
    const filled: Record<string, number | null> = {};
    for (const metric of query.metrics) {
      filled[metric.alias] =
        values?.[metric.alias] ?? (ZERO_WHEN_EMPTY.has(metric.fn) && !values ? 0 : null);
    }
    const start = wallClockToUnix(bucketStart(key, query.interval), query.timeZone);
    return {
      start: formatInZone(start, query.timeZone),
      label: bucketLabel(key, query.interval),
      filled: !values,
      values: filled,
    };
  });

  addDerivedSeries(points, keys, query);
  const methods: Record<string, string> = {};
  for (const plan of plans) methods[plan.metric.alias] = plan.method;
  return { points, methods, sql: builder.toString() };
}

/**
 * Computes, per bucket, the quantile metrics the engine has no aggregate
 * for, from ranked rows. Returns each metric's values by bucket group key.
 */
async function rankedQuantiles(
  source: StatsSource,
  query: TimeSeriesQuery,
  plans: readonly MetricPlan[],
  scope: { bucket: string; conditions: SqlCondition[] },
): Promise<Map<string, Map<string, number | null>>> {
  const byAlias = new Map<string, Map<string, number | null>>();
  for (const plan of plans.filter((candidate) => candidate.orderSql === null)) {
    const result = await groupedQuantiles(source, {
      dataset: query.dataset,
      filters: query.filters,
      groupBy: [],
      groupExpressions: [{ alias: '__bucket', sql: scope.bucket }],
      conditions: scope.conditions,
      column: plan.metric.column ?? '',
      probabilities: [plan.metric.probability ?? 0.5],
    });
    const values = new Map<string, number | null>();
    for (const [key, quantiles] of result.byGroup) values.set(key, quantiles[0] ?? null);
    byAlias.set(plan.metric.alias, values);
  }
  return byAlias;
}

function addDerivedSeries(points: TimeSeriesPoint[], keys: number[], query: TimeSeriesQuery): void {
  const aliases = query.metrics.map((metric) => metric.alias);
  if (query.movingAverage > 1) {
    for (const alias of aliases) {
      const averages = movingAverages(
        points.map((point) => point.values[alias] ?? null),
        query.movingAverage,
      );
      points.forEach((point, index) => {
        point.movingAverage = { ...point.movingAverage, [alias]: averages[index] ?? null };
      });
    }
  }
  if (query.compare === 'none') return;

  const lag = query.compare === 'previous' ? 1 : bucketsPerYear(query.interval);
  const byKey = new Map(keys.map((key, index) => [key, points[index]]));
  points.forEach((point, index) => {
    const key = keys[index] ?? 0;
    const earlierKey =
      lag === null
        ? bucketOf(yearEarlier(bucketStart(key, query.interval)), query.interval)
        : query.compare === 'previous'
          ? keys[index - 1]
          : nextBucket(key, query.interval, -lag);
    const earlier = earlierKey === undefined ? undefined : byKey.get(earlierKey);
    point.change = {};
    point.percentChange = {};
    for (const alias of aliases) {
      const now = point.values[alias] ?? null;
      const before = earlier?.values[alias] ?? null;
      point.change[alias] = now === null || before === null ? null : now - before;
      point.percentChange[alias] =
        now === null || before === null || before === 0
          ? null
          : ((now - before) / Math.abs(before)) * 100;
    }
  });
}

function yearEarlier(wallClock: number): number {
  const date = new Date(wallClock * 1000);
  date.setUTCFullYear(date.getUTCFullYear() - 1);
  return date.getTime() / 1000;
}
