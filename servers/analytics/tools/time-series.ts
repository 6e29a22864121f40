import { z } from 'zod';
import { ToolError } from '../../../shared/errors.ts';
import { defineTool } from '../../../shared/tools.ts';
import type { AnalyticsDeps } from '../context.ts';
import { formatTable } from '../format.ts';
import { datasetInput, describeDataset } from '../sql/dataset.ts';
import { filtersInput } from '../sql/filters.ts';
import { metricInput, resolveMetrics } from '../stats/metrics.ts';
import { INTERVALS } from '../stats/time-buckets.ts';
import { timeSeries } from '../stats/time-series.ts';
import { checkTimeZone, wallClockToUnix } from '../stats/time-zone.ts';
import {
  columnNamed,
  metricColumns,
  openDataset,
  READ_ONLY,
  requireNumericMetrics,
} from './common.ts';

const ZONED = /(?:Z|[+-]\d{2}:?\d{2})$/;

/** Reads an ISO date or time; one without an offset is wall-clock time in the zone. */
function parseInstant(text: string, timeZone: string, field: string): number {
  const normalized = text.trim().replace(' ', 'T');
  const milliseconds = Date.parse(
    ZONED.test(normalized)
      ? normalized
      : `${normalized.length === 10 ? `${normalized}T00:00:00` : normalized}Z`,
  );
  if (Number.isNaN(milliseconds)) {
    throw new ToolError(
      'INVALID_ARGUMENT',
      `"${field}" is not an ISO 8601 date or time: "${text}".`,
      {
        hint: 'Write it like 2024-03-01 or 2024-03-01T08:00:00+08:00.',
      },
    );
  }
  const seconds = milliseconds / 1000;
  return ZONED.test(normalized) ? seconds : wallClockToUnix(seconds, timeZone);
}

const point = z.object({
  start: z.string().describe("Bucket start, ISO 8601 with the zone's offset"),
  label: z.string(),
  filled: z.boolean().describe('No rows fell in this bucket'),
  values: z.record(z.string(), z.number().nullable()),
  movingAverage: z.record(z.string(), z.number().nullable()).optional(),
  change: z.record(z.string(), z.number().nullable()).optional(),
  percentChange: z.record(z.string(), z.number().nullable()).optional(),
});

const input = z.object({
  dataset: datasetInput,
  timeColumn: z.string().min(1).max(256),
  interval: z.enum(INTERVALS).default('month'),
  timeZone: z
    .string()
    .min(1)
    .max(64)
    .default('UTC')
    .describe('IANA zone the buckets follow, such as Asia/Shanghai'),
  metrics: z
    .array(metricInput)
    .min(1)
    .max(10)
    .default([{ fn: 'count' }]),
  filters: filtersInput,
  start: z
    .string()
    .max(40)
    .optional()
    .describe('First instant included (ISO 8601; without an offset it is read in timeZone)'),
  end: z.string().max(40).optional().describe('First instant excluded'),
  fillGaps: z
    .boolean()
    .default(true)
    .describe('Add empty buckets: count and sum 0, other metrics null'),
  movingAverage: z
    .number()
    .int()
    .min(0)
    .max(366)
    .default(0)
    .describe('Trailing window in buckets; 0 for none'),
  compare: z
    .enum(['none', 'previous', 'year'])
    .default('none')
    .describe('Change against the previous bucket or the same bucket a year earlier'),
});

const output = z.object({
  dataset: z.string(),
  interval: z.string(),
  timeZone: z.string(),
  points: z.array(point),
  truncated: z.boolean(),
  methods: z.record(z.string(), z.string()),
  sql: z.string(),
});

export const timeSeriesTool = defineTool<AnalyticsDeps, typeof input, typeof output>({
  name: 'time_series',
  title: 'Time series',
  description:
    'Buckets rows by hour, day, week (from Monday), month, quarter or year in a chosen time zone and computes metrics per bucket inside the database, with gaps filled, an optional moving average and period-over-period change.',
  input,
  output,
  annotations: READ_ONLY,
  async handler(args, call) {
    checkTimeZone(args.timeZone);
    const metrics = resolveMetrics(args.metrics);
    const opened = await openDataset(
      call,
      args.dataset,
      [args.timeColumn, ...metricColumns(metrics)],
      args.filters,
    );
    requireNumericMetrics(opened, metrics);
    const timeColumn = columnNamed(opened, args.timeColumn);
    if (timeColumn.kind !== 'time' && timeColumn.kind !== 'text') {
      throw new ToolError(
        'INVALID_ARGUMENT',
        `Column "${args.timeColumn}" is ${timeColumn.kind}, not a date or time.`,
        {
          hint: "Pick a date, datetime or timestamp column; profile shows each column's kind.",
        },
      );
    }

    const result = await timeSeries(opened.source, {
      dataset: args.dataset,
      filters: args.filters,
      columns: opened.columns,
      timeColumn,
      interval: args.interval,
      timeZone: args.timeZone,
      metrics,
      ...(args.start ? { start: parseInstant(args.start, args.timeZone, 'start') } : {}),
      ...(args.end ? { end: parseInstant(args.end, args.timeZone, 'end') } : {}),
      fillGaps: args.fillGaps,
      movingAverage: args.movingAverage,
      compare: args.compare,
    });

    const limit = call.deps.limits.maxRows;
    const truncated = result.points.length > limit;
    const points = truncated ? result.points.slice(-limit) : result.points;
    const aliases = metrics.map((metric) => metric.alias);
    const rows = points.map((entry) => {
      const row: Record<string, unknown> = { bucket: entry.label, ...entry.values };
      for (const alias of aliases) {
        if (entry.movingAverage) row[`${alias} (moving avg)`] = entry.movingAverage[alias];
        if (entry.percentChange) row[`${alias} (% change)`] = entry.percentChange[alias];
      }
      return row;
    });
    const text = [
      `${describeDataset(args.dataset)}: ${points.length} ${args.interval} bucket(s) in ${args.timeZone}${truncated ? `, the last ${limit} kept` : ''}.`,
      formatTable(rows, Object.keys(rows[0] ?? { bucket: null }), 60),
    ].join('\n\n');
    return {
      structured: {
        dataset: describeDataset(args.dataset),
        interval: args.interval,
        timeZone: args.timeZone,
        points,
        truncated,
        methods: result.methods,
        sql: result.sql,
      },
      text,
    };
  },
});
