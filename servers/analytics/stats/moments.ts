import { datasetFrom, type DatasetInput } from '../sql/dataset.ts';
import { quoteIdentifier, selectRows, type StatsSource } from '../sql/engine.ts';
import { applyFilters, type FilterInput } from '../sql/filters.ts';
import { toNumber } from '../sql/values.ts';

/** Means of several columns in one query, each from the engine's sum and count. */
export async function columnMeans(
  source: StatsSource,
  dataset: DatasetInput,
  filters: readonly FilterInput[],
  columns: readonly string[],
): Promise<Map<string, number | null>> {
  const builder = source.knex.queryBuilder().from(datasetFrom(source, dataset));
  applyFilters(source.engine, builder, filters);
  columns.forEach((column, index) => {
    const quoted = quoteIdentifier(source.engine, column);
    builder.select(
      source.knex.raw(`sum(${quoted}) as __s${index}, count(${quoted}) as __c${index}`),
    );
  });
  const [row = {}] = await selectRows(source, builder);

  const means = new Map<string, number | null>();
  columns.forEach((column, index) => {
    const sum = toNumber(row[`__s${index}`]);
    const count = toNumber(row[`__c${index}`]) ?? 0;
    means.set(column, sum === null || count === 0 ? null : sum / count);
  });
  return means;
}

/**
 * Sample variance from sums of (x - k)² and (x - k) over n values. Shifting
 * by k close to the mean avoids the cancellation of the textbook formula.
 */
export function varianceFromShiftedSums(
  sumOfSquares: number | null,
  sum: number | null,
  count: number,
): number | null {
  if (count < 2 || sumOfSquares === null || sum === null) return null;
  return Math.max(0, (sumOfSquares - (sum * sum) / count) / (count - 1));
}
