import { ToolError } from '../../../shared/errors.ts';
import type { ColumnInfo } from '../sql/columns.ts';
import { datasetFrom, type DatasetInput } from '../sql/dataset.ts';
import { quoteIdentifier, selectRows, type StatsSource } from '../sql/engine.ts';
import { applyFilters, type FilterInput } from '../sql/filters.ts';
import { toJsonValue, toNumber } from '../sql/values.ts';
import { aggregate, type JsonValue } from '../stats/aggregate.ts';
import { histogram } from '../stats/histogram.ts';
import { resolveMetrics, type MetricFunction } from '../stats/metrics.ts';
import type { Interval } from '../stats/time-buckets.ts';
import { timeSeries } from '../stats/time-series.ts';
import type { ChartData, ChartType } from './spec.ts';

export interface ChartRequest {
  type: ChartType;
  dataset: DatasetInput;
  columns: readonly ColumnInfo[];
  filters: readonly FilterInput[];
  x: ColumnInfo;
  y: ColumnInfo | null;
  series: ColumnInfo | null;
  fn: MetricFunction;
  interval: Interval;
  timeZone: string;
  bins: number;
  limit: number;
}

export interface PreparedChart {
  data: Omit<ChartData, 'title' | 'width' | 'height'>;
  /** The method behind the plotted numbers. */
  method: string;
  /** What was left out of the chart, when something was; null when everything is drawn. */
  leftOut: string | null;
}

/** The maximum number of series on one time chart; the rest are left out and named in `leftOut`. */
const MAX_TIME_SERIES = 8;

function metricLabel(request: ChartRequest): string {
  return request.y ? `${request.fn} of ${request.y.name}` : 'count';
}

async function histogramData(source: StatsSource, request: ChartRequest): Promise<PreparedChart> {
  const result = await histogram(source, {
    dataset: request.dataset,
    filters: request.filters,
    column: request.x.name,
    bins: request.bins,
  });
  return {
    data: {
      type: 'histogram',
      rows: result.bins.map((bin) => ({ start: bin.start, end: bin.end, count: bin.count })),
      x: 'start',
      x2: 'end',
      y: 'count',
      xType: 'quantitative',
      xTitle: request.x.name,
      yTitle: 'count',
    },
    method: 'bins counted in the database',
    leftOut: null,
  };
}

async function scatterData(source: StatsSource, request: ChartRequest): Promise<PreparedChart> {
  const { engine, knex } = source;
  const y = request.y;
  if (!y) {
    throw new ToolError('INVALID_ARGUMENT', 'A scatter chart needs "y", a second numeric column.', {
      hint: 'Give "x" and "y" as numeric columns.',
    });
  }
  const names = [request.x.name, y.name, ...(request.series ? [request.series.name] : [])];
  const builder = knex.queryBuilder().from(datasetFrom(source, request.dataset));
  applyFilters(engine, builder, request.filters);
  for (const name of names) builder.select(knex.raw(quoteIdentifier(engine, name)));
  builder
    .whereRaw(
      `${quoteIdentifier(engine, request.x.name)} is not null and ${quoteIdentifier(engine, y.name)} is not null`,
    )
    .limit(request.limit + 1);
  const rows = await selectRows(source, builder);
  const truncated = rows.length > request.limit;
  const points = rows.slice(0, request.limit).map((row) => {
    const point: Record<string, JsonValue> = {
      [request.x.name]: toNumber(row[request.x.name]),
      [y.name]: toNumber(row[y.name]),
    };
    if (request.series) point[request.series.name] = toJsonValue(row[request.series.name]);
    return point;
  });
  return {
    data: {
      type: 'scatter',
      rows: points,
      x: request.x.name,
      y: y.name,
      ...(request.series ? { series: request.series.name } : {}),
      xType: 'quantitative',
      xTitle: request.x.name,
      yTitle: y.name,
    },
    method: truncated
      ? `the first ${request.limit} rows with both values, in the database's order`
      : 'every row with both values',
    leftOut: truncated ? `only the first ${request.limit} rows are drawn` : null,
  };
}

async function timeData(source: StatsSource, request: ChartRequest): Promise<PreparedChart> {
  const metrics = resolveMetrics([
    { fn: request.fn, ...(request.y ? { column: request.y.name } : {}), as: 'value' },
  ]);
  const run = (filters: readonly FilterInput[]) =>
    timeSeries(source, {
      dataset: request.dataset,
      filters,
      columns: request.columns,
      timeColumn: request.x,
      interval: request.interval,
      timeZone: request.timeZone,
      metrics,
      fillGaps: true,
      movingAverage: 0,
      compare: 'none',
    });

  const label = metricLabel(request);
  const xTitle = `${request.x.name} (${request.interval}, ${request.timeZone})`;
  if (!request.series) {
    const result = await run(request.filters);
    const rows = result.points.map((point) => ({
      bucket: point.label,
      value: point.values.value ?? null,
    }));
    return {
      data: {
        type: request.type,
        rows,
        x: 'bucket',
        y: 'value',
        xType: 'ordinal',
        xTitle,
        yTitle: label,
      },
      method: `${request.interval} buckets computed in the database; ${result.methods.value ?? ''}`,
      leftOut: null,
    };
  }

  const series = request.series.name;
  const top = await aggregate(source, {
    dataset: request.dataset,
    columns: request.columns,
    filters: request.filters,
    groupBy: [series],
    metrics,
    orderBy: [{ by: 'value', direction: 'desc' }],
    limit: MAX_TIME_SERIES,
  });
  const rows: Record<string, JsonValue>[] = [];
  for (const group of top.rows) {
    const value = group[series] ?? null;
    const filter: FilterInput =
      value === null ? { column: series, op: 'is_null' } : { column: series, op: '=', value };
    const result = await run([...request.filters, filter]);
    for (const point of result.points) {
      rows.push({ bucket: point.label, value: point.values.value ?? null, [series]: value });
    }
  }
  // Each series was filled over its own range; fill the rest of the shared range too.
  const buckets = [...new Set(rows.map((row) => String(row.bucket)))].sort();
  const present = new Set(rows.map((row) => JSON.stringify([row.bucket, row[series]])));
  const empty =
    request.fn === 'count' || request.fn === 'count_distinct' || request.fn === 'sum' ? 0 : null;
  for (const group of top.rows) {
    for (const bucket of buckets) {
      if (!present.has(JSON.stringify([bucket, group[series] ?? null]))) {
        rows.push({ bucket, value: empty, [series]: group[series] ?? null });
      }
    }
  }
  rows.sort((a, b) => buckets.indexOf(String(a.bucket)) - buckets.indexOf(String(b.bucket)));
  return {
    data: {
      type: request.type,
      rows,
      x: 'bucket',
      y: 'value',
      series,
      xType: 'ordinal',
      xTitle,
      yTitle: label,
    },
    method: `${request.interval} buckets computed in the database for the ${top.rows.length} "${series}" groups with the largest ${label}`,
    leftOut: top.truncated
      ? `only the ${MAX_TIME_SERIES} "${series}" groups with the largest ${label} are drawn`
      : null,
  };
}

async function categoryData(source: StatsSource, request: ChartRequest): Promise<PreparedChart> {
  const metrics = resolveMetrics([
    { fn: request.fn, ...(request.y ? { column: request.y.name } : {}), as: 'value' },
  ]);
  const groupBy = [request.x.name, ...(request.series ? [request.series.name] : [])];
  const result = await aggregate(source, {
    dataset: request.dataset,
    columns: request.columns,
    filters: request.filters,
    groupBy,
    metrics,
    orderBy:
      request.type === 'bar' || request.type === 'pie'
        ? [{ by: 'value', direction: 'desc' }]
        : [{ by: request.x.name, direction: 'asc' }],
    limit: request.limit,
  });
  const rows = result.rows.map((row) => ({
    ...row,
    [request.x.name]: row[request.x.name] === null ? '(null)' : String(row[request.x.name]),
  }));
  return {
    data: {
      type: request.type,
      rows,
      x: request.x.name,
      y: 'value',
      ...(request.series ? { series: request.series.name } : {}),
      xType: request.type === 'bar' || request.type === 'pie' ? 'nominal' : 'ordinal',
      xTitle: request.x.name,
      yTitle: metricLabel(request),
    },
    method: result.methods.value ?? 'computed in the database',
    leftOut: result.truncated
      ? `only the ${request.limit} ${request.type === 'bar' || request.type === 'pie' ? 'largest' : 'first'} "${request.x.name}" groups are drawn`
      : null,
  };
}

/** Computes the numbers a chart shows, inside the database, in the shape the spec builder reads. */
export async function prepareChartData(
  source: StatsSource,
  request: ChartRequest,
): Promise<PreparedChart> {
  if (request.type === 'histogram') return histogramData(source, request);
  if (request.type === 'scatter') return scatterData(source, request);
  if (request.x.kind === 'time' && request.type !== 'pie') return timeData(source, request);
  return categoryData(source, request);
}
