import { ToolError } from '../../../shared/errors.ts';
import { datasetFrom, describeDataset, type DatasetInput } from './dataset.ts';
import { selectRows, type StatsSource } from './engine.ts';

/** What statistics apply to a column. */
export type ColumnKind = 'number' | 'time' | 'boolean' | 'text' | 'other';

export interface ColumnInfo {
  name: string;
  kind: ColumnKind;
  /** The type the engine declares, when the dataset is a table. */
  declaredType: string | null;
}

const SAMPLE_ROWS = 200;

function kindFromDeclaredType(type: string): ColumnKind | null {
  const lower = type.toLowerCase();
  if (/bool|^bit\b|tinyint\(1\)/.test(lower)) return 'boolean';
  if (/int|numeric|decimal|real|double|float|money|serial|number/.test(lower)) return 'number';
  if (/date|time/.test(lower)) return 'time';
  if (/char|text|clob|uuid|enum|string|json|set/.test(lower)) return 'text';
  return null;
}

const ISO_TIME =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function kindFromValues(values: unknown[]): ColumnKind {
  const present = values.filter((value) => value !== null && value !== undefined);
  if (present.length === 0) return 'other';
  if (present.every((value) => typeof value === 'boolean')) return 'boolean';
  if (present.every((value) => typeof value === 'number' || typeof value === 'bigint'))
    return 'number';
  if (present.every((value) => value instanceof Date)) return 'time';
  if (present.every((value) => typeof value === 'string' && ISO_TIME.test(value))) return 'time';
  if (present.every((value) => typeof value === 'string')) return 'text';
  return 'other';
}

/**
 * Lists a dataset's columns with their kinds. A table's declared types decide
 * where they are clear; otherwise the first rows decide, so a SELECT that
 * returns no rows has columns of kind "other".
 */
export async function datasetColumns(
  source: StatsSource,
  dataset: DatasetInput,
): Promise<ColumnInfo[]> {
  const sample = await selectRows(
    source,
    source.knex.queryBuilder().select('*').from(datasetFrom(source, dataset)).limit(SAMPLE_ROWS),
  );

  let declared: Record<string, { type: string }> = {};
  if (dataset.table !== undefined) {
    let builder = source.knex.table(dataset.table);
    if (dataset.schema) builder = builder.withSchema(dataset.schema);
    declared = (await builder.columnInfo()) as unknown as Record<string, { type: string }>;
  }

  const names =
    Object.keys(declared).length > 0 ? Object.keys(declared) : Object.keys(sample[0] ?? {});
  if (names.length === 0) {
    throw new ToolError('NOT_FOUND', `No columns were found in ${describeDataset(dataset)}.`, {
      hint: 'Check the table name with list_datasets, or make the SELECT return at least one row.',
    });
  }

  return names.map((name) => {
    const declaredType = declared[name]?.type ?? null;
    const kind =
      (declaredType ? kindFromDeclaredType(declaredType) : null) ??
      kindFromValues(sample.map((row) => row[name]));
    return { name, kind, declaredType };
  });
}

/** Finds the named columns, failing with the list of real names when one is missing. */
export function requireColumns(
  columns: ColumnInfo[],
  names: string[],
  dataset: DatasetInput,
): ColumnInfo[] {
  return names.map((name) => {
    const found = columns.find((column) => column.name === name);
    if (!found) {
      const known = columns.map((column) => column.name).join(', ');
      throw new ToolError('NOT_FOUND', `Column "${name}" is not in ${describeDataset(dataset)}.`, {
        hint: `Use one of: ${known}.`,
      });
    }
    return found;
  });
}

/** Fails unless every given column contains numbers. */
export function requireNumeric(columns: ColumnInfo[], purpose: string): void {
  for (const column of columns) {
    if (column.kind !== 'number' && column.kind !== 'boolean') {
      throw new ToolError(
        'INVALID_ARGUMENT',
        `Column "${column.name}" is ${column.kind}, but ${purpose} needs a numeric column.`,
        { hint: "Pick a numeric column; profile shows each column's kind." },
      );
    }
  }
}
