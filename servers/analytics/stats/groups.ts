import { toJsonValue } from '../sql/values.ts';

/** Builds a stable text key for one group, equal for equal values from any driver. */
export function groupKey(row: Record<string, unknown>, columns: readonly string[]): string {
  return JSON.stringify(columns.map((column) => toJsonValue(row[column])));
}
