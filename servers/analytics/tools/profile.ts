import { z } from 'zod';
import { defineTool } from '../../../shared/tools.ts';
import type { AnalyticsDeps } from '../context.ts';
import { formatNumber, formatTable } from '../format.ts';
import { datasetInput, describeDataset } from '../sql/dataset.ts';
import { filtersInput } from '../sql/filters.ts';
import { profileDataset } from '../stats/profile.ts';
import { QUANTILE_METHOD_TEXT } from '../stats/quantiles.ts';
import { openDataset, READ_ONLY } from './common.ts';
import { jsonScalar, nullableNumber } from './schemas.ts';

const columnProfile = z.object({
  name: z.string(),
  kind: z.enum(['number', 'time', 'boolean', 'text', 'other']),
  declaredType: z.string().nullable(),
  count: z.number().describe('Values present (not null)'),
  nulls: z.number(),
  distinct: nullableNumber,
  min: jsonScalar,
  max: jsonScalar,
  mean: nullableNumber.describe('For booleans, the share of true values'),
  stddev: nullableNumber.describe('Sample standard deviation'),
  quantiles: z.array(z.object({ p: z.number(), value: nullableNumber })),
  topValues: z.array(z.object({ value: jsonScalar, count: z.number() })),
});

const input = z.object({
  dataset: datasetInput,
  columns: z
    .array(z.string().min(1).max(256))
    .max(100)
    .optional()
    .describe('Columns to profile; all when left out'),
  filters: filtersInput,
  quantiles: z
    .array(z.number().min(0).max(1))
    .max(20)
    .default([0.05, 0.25, 0.5, 0.75, 0.95])
    .describe('Probabilities of the quantiles for numeric columns'),
  topValues: z
    .number()
    .int()
    .min(0)
    .max(50)
    .default(5)
    .describe('Most frequent values listed per column'),
});

const output = z.object({
  dataset: z.string(),
  rowCount: z.number(),
  quantileMethod: z.string().nullable(),
  columns: z.array(columnProfile),
});

export const profileTool = defineTool<AnalyticsDeps, typeof input, typeof output>({
  name: 'profile',
  title: 'Profile a dataset',
  description:
    'Summarises every column of a table or SELECT inside the database: kind, count, nulls, distinct values, min, max, mean, standard deviation, quantiles and most frequent values. Start here to learn a dataset.',
  input,
  output,
  annotations: READ_ONLY,
  async handler(args, call) {
    const opened = await openDataset(call, args.dataset, args.columns ?? [], args.filters);
    const wanted = args.columns
      ? opened.columns.filter((column) => args.columns?.includes(column.name))
      : opened.columns;
    const result = await profileDataset(
      opened.source,
      {
        dataset: args.dataset,
        columns: wanted.slice(0, 100),
        filters: args.filters,
        probabilities: args.quantiles,
        topValues: args.topValues,
      },
      (done, total, message) => call.progress(done, total, message),
    );

    const method = result.quantileMethod ? QUANTILE_METHOD_TEXT[result.quantileMethod] : null;
    const rows = result.columns.map((column) => ({
      column: column.name,
      kind: column.kind,
      nulls: column.nulls,
      distinct: column.distinct,
      min: column.min,
      max: column.max,
      mean: column.mean,
      stddev: column.stddev,
      median: column.quantiles.find((entry) => entry.p === 0.5)?.value ?? null,
      top: column.topValues
        .slice(0, 3)
        .map((entry) => `${String(entry.value)} (${formatNumber(entry.count)})`)
        .join(', '),
    }));
    const text = [
      `${describeDataset(args.dataset)}: ${result.rowCount} rows, ${result.columns.length} columns profiled.`,
      formatTable(
        rows,
        ['column', 'kind', 'nulls', 'distinct', 'min', 'max', 'mean', 'stddev', 'median', 'top'],
        100,
      ),
      method ? `Quantiles: ${method}.` : '',
    ]
      .filter(Boolean)
      .join('\n\n');
    return {
      structured: {
        dataset: describeDataset(args.dataset),
        rowCount: result.rowCount,
        quantileMethod: method,
        columns: result.columns,
      },
      text,
    };
  },
});
