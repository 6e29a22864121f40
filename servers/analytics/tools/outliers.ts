import { z } from 'zod';
import { defineTool } from '../../../shared/tools.ts';
import type { AnalyticsDeps } from '../context.ts';
import { formatNumber, formatTable } from '../format.ts';
import { requireNumeric } from '../sql/columns.ts';
import { datasetInput, describeDataset } from '../sql/dataset.ts';
import { filtersInput } from '../sql/filters.ts';
import { detectOutliers } from '../stats/outliers.ts';
import { columnNamed, openDataset, READ_ONLY } from './common.ts';
import { nullableNumber, resultRow } from './schemas.ts';

const input = z.object({
  dataset: datasetInput,
  column: z.string().min(1).max(256),
  method: z.enum(['iqr', 'zscore']).default('iqr'),
  threshold: z
    .number()
    .positive()
    .max(100)
    .optional()
    .describe('IQR multiples (default 1.5) or standard deviations (default 3)'),
  limit: z.number().int().min(0).max(10_000).default(20).describe('Most extreme rows returned'),
  filters: filtersInput,
});

const output = z.object({
  dataset: z.string(),
  column: z.string(),
  method: z.string(),
  threshold: z.number(),
  lowerBound: nullableNumber,
  upperBound: nullableNumber,
  center: z.record(z.string(), nullableNumber),
  below: z.number(),
  above: z.number(),
  rows: z.array(z.object({ score: nullableNumber, row: resultRow })),
});

export const detectOutliersTool = defineTool<AnalyticsDeps, typeof input, typeof output>({
  name: 'detect_outliers',
  title: 'Detect outliers',
  description:
    'Finds values of a numeric column outside Q1 − k·IQR and Q3 + k·IQR, or more than k standard deviations from the mean, counting them and returning the most extreme rows; all computed in the database.',
  input,
  output,
  annotations: READ_ONLY,
  async handler(args, call) {
    const opened = await openDataset(call, args.dataset, [args.column], args.filters);
    requireNumeric([columnNamed(opened, args.column)], 'outlier detection');
    const threshold = args.threshold ?? (args.method === 'iqr' ? 1.5 : 3);
    const result = await detectOutliers(opened.source, {
      dataset: args.dataset,
      filters: args.filters,
      column: args.column,
      method: args.method,
      threshold,
      limit: Math.min(args.limit, call.deps.limits.maxRows),
    });

    const bound = (value: number | null) => (value === null ? 'n/a' : formatNumber(value));
    const rows = result.rows.map((entry) => ({ score: entry.score, ...entry.row }));
    const text = [
      `${describeDataset(args.dataset)}.${args.column}: ${result.below} value(s) below ${bound(result.lowerBound)} and ${result.above} above ${bound(result.upperBound)} (${result.method}).`,
      result.rows.length > 0 ? formatTable(rows, Object.keys(rows[0] ?? {})) : '',
    ]
      .filter(Boolean)
      .join('\n\n');
    return {
      structured: {
        dataset: describeDataset(args.dataset),
        column: args.column,
        threshold,
        ...result,
      },
      text,
    };
  },
});
