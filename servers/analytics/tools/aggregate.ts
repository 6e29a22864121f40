import { z } from 'zod';
import { ToolError } from '../../../shared/errors.ts';
import { defineTool } from '../../../shared/tools.ts';
import type { AnalyticsDeps } from '../context.ts';
import { formatTable } from '../format.ts';
import { datasetInput, describeDataset } from '../sql/dataset.ts';
import { filtersInput } from '../sql/filters.ts';
import { aggregate } from '../stats/aggregate.ts';
import { metricInput, resolveMetrics } from '../stats/metrics.ts';
import { metricColumns, openDataset, READ_ONLY, requireNumericMetrics } from './common.ts';
import { orderByInput, resultRow } from './schemas.ts';

const input = z.object({
  dataset: datasetInput,
  groupBy: z
    .array(z.string().min(1).max(256))
    .max(5)
    .default([])
    .describe('Columns to group by; none for one overall row'),
  metrics: z
    .array(metricInput)
    .min(1)
    .max(20)
    .default([{ fn: 'count' }]),
  filters: filtersInput,
  orderBy: orderByInput,
  limit: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(100)
    .describe("Most groups returned (capped by the server's --max-rows)"),
});

const output = z.object({
  dataset: z.string(),
  rows: z.array(resultRow),
  rowCount: z.number(),
  truncated: z.boolean().describe('More groups matched than the limit let through'),
  methods: z.record(z.string(), z.string()).describe('How each metric was computed'),
  sql: z.string().describe('The main statement sent to the database'),
});

export const aggregateTool = defineTool<AnalyticsDeps, typeof input, typeof output>({
  name: 'aggregate',
  title: 'Aggregate a dataset',
  description:
    'Groups rows and computes count, count_distinct, sum, avg, min, max, stddev, median and percentiles per group inside the database. Filters, ordering and limits are structured arguments, not SQL.',
  input,
  output,
  annotations: READ_ONLY,
  async handler(args, call) {
    const metrics = resolveMetrics(args.metrics);
    const opened = await openDataset(
      call,
      args.dataset,
      [...args.groupBy, ...metricColumns(metrics)],
      args.filters,
    );
    requireNumericMetrics(opened, metrics);
    const limit = Math.min(args.limit, call.deps.limits.maxRows);
    if (args.limit > call.deps.limits.maxRows) {
      call.logger.debug({ requested: args.limit, limit }, 'aggregate limit capped by --max-rows');
    }
    if (new Set(args.groupBy).size !== args.groupBy.length) {
      throw new ToolError('INVALID_ARGUMENT', 'A column appears twice in groupBy.', {
        hint: 'List each group column once.',
      });
    }

    const result = await aggregate(opened.source, {
      dataset: args.dataset,
      columns: opened.columns,
      filters: args.filters,
      groupBy: args.groupBy,
      metrics,
      orderBy: args.orderBy,
      limit,
    });

    const names = [...args.groupBy, ...metrics.map((metric) => metric.alias)];
    const methods = [...new Set(Object.values(result.methods))]
      .map((method) => `- ${method}`)
      .join('\n');
    const text = [
      `${describeDataset(args.dataset)}: ${result.rows.length} group(s)${result.truncated ? `, cut to the limit of ${limit}` : ''}.`,
      formatTable(result.rows, names),
      `Computed in the database:\n${methods}`,
    ].join('\n\n');
    return {
      structured: {
        dataset: describeDataset(args.dataset),
        ...result,
        rowCount: result.rows.length,
      },
      text,
    };
  },
});
