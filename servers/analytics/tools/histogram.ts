import { z } from 'zod';
import { ToolError } from '../../../shared/errors.ts';
import { defineTool } from '../../../shared/tools.ts';
import type { AnalyticsDeps } from '../context.ts';
import { formatTable } from '../format.ts';
import { requireNumeric } from '../sql/columns.ts';
import { datasetInput, describeDataset } from '../sql/dataset.ts';
import { filtersInput } from '../sql/filters.ts';
import { histogram } from '../stats/histogram.ts';
import { columnNamed, openDataset, READ_ONLY } from './common.ts';
import { nullableNumber } from './schemas.ts';

const input = z.object({
  dataset: datasetInput,
  column: z.string().min(1).max(256),
  bins: z.number().int().min(1).max(200).default(20),
  min: z.number().optional().describe('Start of the first bin; the column minimum when left out'),
  max: z.number().optional().describe('End of the last bin; the column maximum when left out'),
  filters: filtersInput,
});

const output = z.object({
  dataset: z.string(),
  column: z.string(),
  bins: z.array(z.object({ start: z.number(), end: z.number(), count: z.number() })),
  outside: z.number().describe('Values present but outside [min, max]'),
  nulls: z.number(),
  min: nullableNumber,
  max: nullableNumber,
});

export const histogramTool = defineTool<AnalyticsDeps, typeof input, typeof output>({
  name: 'histogram',
  title: 'Histogram',
  description:
    'Counts the values of a numeric column in equal-width bins inside the database. Each bin covers [start, end); the last also includes the maximum.',
  input,
  output,
  annotations: READ_ONLY,
  async handler(args, call) {
    if (args.min !== undefined && args.max !== undefined && args.max < args.min) {
      throw new ToolError('INVALID_ARGUMENT', `"max" (${args.max}) is below "min" (${args.min}).`, {
        hint: 'Give a range whose max is at least its min, or leave both out.',
      });
    }
    const opened = await openDataset(call, args.dataset, [args.column], args.filters);
    requireNumeric([columnNamed(opened, args.column)], 'a histogram');
    const result = await histogram(opened.source, {
      dataset: args.dataset,
      filters: args.filters,
      column: args.column,
      bins: args.bins,
      ...(args.min === undefined ? {} : { min: args.min }),
      ...(args.max === undefined ? {} : { max: args.max }),
    });
    const text = [
      `${describeDataset(args.dataset)}.${args.column}: ${result.bins.length} bin(s); ${result.nulls} null and ${result.outside} outside the range.`,
      formatTable(
        result.bins.map((bin) => ({ ...bin })),
        ['start', 'end', 'count'],
        200,
      ),
    ].join('\n\n');
    return {
      structured: { dataset: describeDataset(args.dataset), column: args.column, ...result },
      text,
    };
  },
});
