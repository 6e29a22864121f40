import { ToolError } from '../../../shared/errors.ts';
import { datasetFrom, describeDataset, type DatasetInput } from './dataset.ts';
import type { StatsSource } from './engine.ts';

/** The kind of values in a column, which decides the statistics that apply. */
export type ColumnKind = 'number' | 'time' | 'boolean' | 'text' | 'other';

export interface ColumnInfo {
  name: string;
  kind: ColumnKind;
  /** The type the engine reports for the column, when it reports one. */
  declaredType: string | null;
}

const SAMPLE_ROWS = 200;

function kindFromDeclaredType(type: string): ColumnKind | null {
  const lower = type.toLowerCase();
  if (/bool/.test(lower)) return 'boolean';
  if (/int|numeric|decimal|real|double|float|money|serial|number|year/.test(lower)) return 'number';
  if (/date|time/.test(lower)) return 'time';
  if (/char|text|clob|uuid|enum|string|name/.test(lower)) return 'text';
  if (/json|blob|binary|bytea|bit|geometry|array|^_/.test(lower)) return 'other';
  return null;
}

const ISO_TIME =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

function isTimeText(values: unknown[]): boolean {
  const present = values.filter((value) => value !== null && value !== undefined);
  return (
    present.length > 0 &&
    present.every((value) => typeof value === 'string' && ISO_TIME.test(value))
  );
}

function kindFromValues(values: unknown[]): ColumnKind {
  const present = values.filter((value) => value !== null && value !== undefined);
  if (present.length === 0) return 'other';
  if (present.every((value) => typeof value === 'boolean')) return 'boolean';
  if (present.every((value) => typeof value === 'number')) return 'number';
  if (isTimeText(present)) return 'time';
  if (present.every((value) => typeof value === 'string')) return 'text';
  return 'other';
}

/**
 * Lists a dataset's columns with their kinds. The engine's column types
 * decide where they are clear. Text that looks like ISO 8601 dates counts as
 * time, because SQLite stores times as text. Otherwise the first rows decide.
 */
export async function datasetColumns(
  source: StatsSource,
  dataset: DatasetInput,
): Promise<ColumnInfo[]> {
  const query = source.knex
    .queryBuilder()
    .select('*')
    .from(datasetFrom(source, dataset))
    .limit(SAMPLE_ROWS);
  const { sql, bindings } = query.toSQL().toNative();
  const sample = await source.sql.readQuery(sql, bindings, {
    maxRows: SAMPLE_ROWS,
    maxBytes: 8 * 1024 * 1024,
    timeoutMs: source.timeoutMs,
    ...(source.signal ? { signal: source.signal } : {}),
  });
  if (sample.columns.length === 0) {
    throw new ToolError('NOT_FOUND', `No columns were found in ${describeDataset(dataset)}.`, {
      hint: 'Check the table name with list_datasets.',
    });
  }

  return sample.columns.map((column, index) => {
    const values = sample.rows.map((row) => row[index]);
    const declaredType = column.type === '' ? null : column.type;
    let kind = declaredType ? kindFromDeclaredType(declaredType) : null;
    if (kind === 'text' && isTimeText(values)) kind = 'time';
    return { name: column.name, kind: kind ?? kindFromValues(values), declaredType };
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
    if (column.kind !== 'number') {
      throw new ToolError(
        'INVALID_ARGUMENT',
        `Column "${column.name}" is ${column.kind}, but ${purpose} needs a numeric column.`,
        { hint: "Pick a numeric column; profile shows each column's kind." },
      );
    }
  }
}
