import { z } from 'zod';
import { ToolError } from '../../../shared/errors.ts';

export const METRIC_FUNCTIONS = [
  'count',
  'count_distinct',
  'sum',
  'avg',
  'min',
  'max',
  'stddev',
  'median',
  'percentile',
] as const;

export type MetricFunction = (typeof METRIC_FUNCTIONS)[number];

export const metricInput = z.object({
  fn: z.enum(METRIC_FUNCTIONS),
  column: z.string().min(1).max(256).optional().describe('Needed by every function but count'),
  p: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe('For "percentile": the probability, 0.9 for the 90th'),
  as: z.string().min(1).max(64).optional().describe('Name of the result field'),
});

export type MetricInput = z.output<typeof metricInput>;

/** A metric with its defaults filled in and its arguments checked. */
export interface Metric {
  fn: MetricFunction;
  column: string | null;
  probability: number | null;
  alias: string;
}

function defaultAlias(metric: MetricInput): string {
  if (!metric.column) return 'count';
  if (metric.fn === 'percentile')
    return `p${Math.round((metric.p ?? 0) * 1000) / 10}_${metric.column}`;
  return `${metric.fn}_${metric.column}`;
}

/** Checks metric arguments and gives each a distinct alias. */
export function resolveMetrics(inputs: readonly MetricInput[]): Metric[] {
  const seen = new Set<string>();
  return inputs.map((input) => {
    if (input.fn !== 'count' && !input.column) {
      throw new ToolError('INVALID_ARGUMENT', `Metric "${input.fn}" needs a "column".`, {
        hint: `Give { "fn": "${input.fn}", "column": "<numeric column>" }.`,
      });
    }
    if (input.fn === 'percentile' && input.p === undefined) {
      throw new ToolError('INVALID_ARGUMENT', 'Metric "percentile" needs "p" between 0 and 1.', {
        hint: 'Give { "fn": "percentile", "column": "price", "p": 0.9 } for the 90th percentile.',
      });
    }
    const alias = input.as ?? defaultAlias(input);
    if (seen.has(alias) || alias.startsWith('__')) {
      throw new ToolError('INVALID_ARGUMENT', `Metric name "${alias}" is used twice or reserved.`, {
        hint: 'Give each metric a distinct "as" that does not start with "__".',
      });
    }
    seen.add(alias);
    let probability: number | null = null;
    if (input.fn === 'median') probability = 0.5;
    if (input.fn === 'percentile') probability = input.p ?? null;
    return { fn: input.fn, column: input.column ?? null, probability, alias };
  });
}

/** Functions whose result is a number only for numeric columns. */
export const NUMERIC_FUNCTIONS: ReadonlySet<MetricFunction> = new Set([
  'sum',
  'avg',
  'stddev',
  'median',
  'percentile',
]);
