import path from 'node:path';
import { ToolError } from '../../../shared/errors.ts';
import type { Workspace, ImportedTable } from '../workspace.ts';
import { convertValue, typeOfValue, widenType, type ImportType } from './infer.ts';
import { readRecords, type ImportFormat } from './read.ts';

export interface ImportRequest {
  file: string;
  size: number;
  format: ImportFormat;
  table: string;
  delimiter?: string;
  header: boolean;
  replace: boolean;
  signal: AbortSignal;
  /**
   * Reports progress on a scale of twice the file size: the first pass counts
   * bytes scanned, the second the share of rows loaded, once per chunk.
   */
  progress(done: number, total: number, message: string): Promise<void>;
}

/** Rows inserted per statement and transaction; SQLite allows 32,766 bound values per statement. */
const CHUNK_ROWS = 500;
const MAX_COLUMNS = 1000;
const TABLE_NAME = /^[\p{L}_][\p{L}\p{N}_]{0,62}$/u;

/** Makes a table name from a file name: letters, digits and underscores, not starting with a digit. */
export function tableNameFromFile(file: string): string {
  const base = path.basename(file).replace(/\.[^.]*$/, '');
  const cleaned = base
    .replace(/[^\p{L}\p{N}_]+/gu, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
  if (cleaned === '') return 'imported';
  return /^\p{N}/u.test(cleaned) ? `t_${cleaned}` : cleaned;
}

export function checkTableName(name: string): void {
  if (!TABLE_NAME.test(name)) {
    throw new ToolError('INVALID_ARGUMENT', `Table name "${name}" is not allowed.`, {
      hint: 'Use up to 63 letters, digits and underscores, starting with a letter or underscore.',
    });
  }
}

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

interface ColumnPlan {
  key: string;
  name: string;
  type: ImportType | null;
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) {
    throw new ToolError('CANCELLED', 'The import was cancelled; the partial table was removed.', {
      hint: 'Run import_file again to import the file.',
    });
  }
}

/** First pass: every column's type, read from every record so no late value breaks it. */
async function inferColumns(
  request: ImportRequest,
): Promise<{ columns: ColumnPlan[]; rows: number }> {
  const columns = new Map<string, ColumnPlan>();
  const lowerNames = new Set<string>();
  let rows = 0;
  let bytes = 0;
  const records = readRecords(request.file, {
    format: request.format,
    header: request.header,
    onBytes: (read) => {
      bytes = read;
    },
    ...(request.delimiter === undefined ? {} : { delimiter: request.delimiter }),
  });
  for await (const record of records) {
    for (const [key, value] of Object.entries(record)) {
      let column = columns.get(key);
      if (!column) {
        if (columns.size >= MAX_COLUMNS) {
          throw new ToolError('TOO_LARGE', `The file has more than ${MAX_COLUMNS} columns.`, {
            hint: 'Import a file with fewer columns.',
          });
        }
        let name = key.trim() === '' ? `column_${columns.size + 1}` : key.trim();
        for (let suffix = 2; lowerNames.has(name.toLowerCase()); suffix += 1)
          name = `${key}_${suffix}`;
        lowerNames.add(name.toLowerCase());
        column = { key, name, type: null };
        columns.set(key, column);
      }
      column.type = widenType(column.type, typeOfValue(value));
    }
    rows += 1;
    if (rows % 10_000 === 0) {
      throwIfAborted(request.signal);
      await request.progress(
        Math.min(bytes, request.size),
        2 * request.size,
        `scanned ${rows} records for column types`,
      );
    }
  }
  return { columns: [...columns.values()], rows };
}

/**
 * Imports a file into the workspace in two passes: the first infers each
 * column's type from all records, the second inserts them in chunks of
 * CHUNK_ROWS rows, one transaction each, with a progress notification per
 * chunk. A failed or cancelled import leaves no table behind.
 */
export async function importFile(
  workspace: Workspace,
  request: ImportRequest,
): Promise<ImportedTable> {
  checkTableName(request.table);
  const { columns, rows: total } = await inferColumns(request);
  if (columns.length === 0 || total === 0) {
    throw new ToolError('INVALID_ARGUMENT', 'The file has no records to import.', {
      hint: 'Check that the file is not empty and that "header" is right for it.',
    });
  }

  const engine = await workspace.sql();
  const knex = await engine.knex();
  const exists = await knex.schema.hasTable(request.table);
  if (exists && !request.replace) {
    throw new ToolError('INVALID_ARGUMENT', `Workspace table "${request.table}" already exists.`, {
      hint: 'Pass "replace": true to overwrite it, or choose another "table" name.',
    });
  }

  const staging = `${request.table}__importing`;
  const definitions = columns
    .map((column) => `${quote(column.name)} ${column.type ?? 'TEXT'}`)
    .join(', ');
  await knex.raw(`drop table if exists ${quote(staging)}`);
  await knex.raw(`create table ${quote(staging)} (${definitions})`);

  try {
    let inserted = 0;
    let chunk: Record<string, string | number | null>[] = [];
    const flush = async () => {
      if (chunk.length === 0) return;
      const batch = chunk;
      chunk = [];
      await knex.transaction(async (transaction) => {
        await transaction(staging).insert(batch);
      });
      inserted += batch.length;
      const done = request.size + Math.round((request.size * inserted) / total);
      await request.progress(done, 2 * request.size, `loaded ${inserted} of ${total} rows`);
    };
    const chunkRows = Math.max(1, Math.min(CHUNK_ROWS, Math.floor(30_000 / columns.length)));
    const records = readRecords(request.file, {
      format: request.format,
      header: request.header,
      onBytes: () => {},
      ...(request.delimiter === undefined ? {} : { delimiter: request.delimiter }),
    });
    for await (const record of records) {
      const row: Record<string, string | number | null> = {};
      for (const column of columns)
        row[column.name] = convertValue(record[column.key], column.type ?? 'TEXT');
      chunk.push(row);
      if (chunk.length >= chunkRows) {
        throwIfAborted(request.signal);
        await flush();
      }
    }
    await flush();

    await knex.transaction(async (transaction) => {
      await transaction.raw(`drop table if exists ${quote(request.table)}`);
      await transaction.raw(`alter table ${quote(staging)} rename to ${quote(request.table)}`);
    });
  } catch (error) {
    await knex.raw(`drop table if exists ${quote(staging)}`).catch(() => undefined);
    throw error;
  }

  const imported: ImportedTable = {
    table: request.table,
    file: request.file,
    format: request.format,
    rows: total,
    columns: columns.map((column) => ({ name: column.name, type: column.type ?? 'TEXT' })),
    importedAt: new Date().toISOString(),
  };
  workspace.tables.set(request.table, imported);
  return imported;
}
