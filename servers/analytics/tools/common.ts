import type { ToolCall } from '../../../shared/tools.ts';
import type { AnalyticsDeps } from '../context.ts';
import { sourceFor } from '../context.ts';
import { datasetColumns, requireColumns, requireNumeric, type ColumnInfo } from '../sql/columns.ts';
import type { DatasetInput } from '../sql/dataset.ts';
import type { StatsSource } from '../sql/engine.ts';
import { filterColumns, type FilterInput } from '../sql/filters.ts';
import { NUMERIC_FUNCTIONS, type Metric } from '../stats/metrics.ts';

export const READ_ONLY = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
} as const;

export interface OpenedDataset {
  source: StatsSource;
  columns: ColumnInfo[];
}

/** Opens a dataset's source and checks that every named column, filters' included, exists. */
export async function openDataset(
  call: ToolCall<AnalyticsDeps>,
  dataset: DatasetInput,
  names: readonly string[],
  filters: readonly FilterInput[] = [],
): Promise<OpenedDataset> {
  const source = await sourceFor(call.deps, dataset, call.signal);
  const columns = await datasetColumns(source, dataset);
  requireColumns(columns, [...names, ...filterColumns(filters)], dataset);
  return { source, columns };
}

/** Looks up one column that openDataset has already checked. */
export function columnNamed(opened: OpenedDataset, name: string): ColumnInfo {
  const found = opened.columns.find((column) => column.name === name);
  if (!found) throw new Error(`column ${name} was not checked before use`);
  return found;
}

/** Fails unless every metric that needs numbers (sum, avg, stddev, quantiles) names a numeric column. */
export function requireNumericMetrics(opened: OpenedDataset, metrics: readonly Metric[]): void {
  const columns = metrics
    .filter((metric) => NUMERIC_FUNCTIONS.has(metric.fn))
    .map((metric) => columnNamed(opened, metric.column ?? ''));
  requireNumeric(columns, 'this metric');
}

/** Lists the columns the metrics read. */
export function metricColumns(metrics: readonly Metric[]): string[] {
  return metrics.flatMap((metric) => (metric.column ? [metric.column] : []));
}
