import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { ToolError } from '../../../shared/errors.ts';

export const IMPORT_FORMATS = ['csv', 'tsv', 'json', 'ndjson'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ReadOptions {
  format: ImportFormat;
  /** Field separator for CSV; a tab for TSV. */
  delimiter?: string;
  /** Whether the first CSV or TSV line names the columns. */
  header: boolean;
  /** Called with the bytes read so far. */
  onBytes(bytes: number): void;
}

/** Guesses the format from the file extension, or returns null for an unknown extension. */
export function formatFromPath(file: string): ImportFormat | null {
  const lower = file.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.tsv') || lower.endsWith('.tab')) return 'tsv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  if (lower.endsWith('.json')) return 'json';
  return null;
}

function invalidRecord(line: number, reason: string): ToolError {
  return new ToolError(
    'INVALID_ARGUMENT',
    `Record ${line} of the file is not a JSON object: ${reason}.`,
    {
      hint: 'Each record must be an object such as {"city": "Paris", "sales": 3}.',
    },
  );
}

async function* delimitedRecords(file: string, options: ReadOptions): AsyncGenerator<unknown[]> {
  const { parse } = await import('csv-parse');
  const stream = createReadStream(file);
  let bytes = 0;
  stream.on('data', (chunk) => {
    bytes += chunk.length;
    options.onBytes(bytes);
  });
  const parser = stream.pipe(
    parse({
      delimiter: options.format === 'tsv' ? '\t' : (options.delimiter ?? ','),
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      relax_quotes: options.format === 'tsv',
      quote: options.format === 'tsv' ? false : '"',
    }),
  );
  try {
    for await (const record of parser) yield record as unknown[];
  } catch (error) {
    throw new ToolError(
      'INVALID_ARGUMENT',
      `The file could not be parsed as ${options.format.toUpperCase()}: ${(error as Error).message}`,
      {
        hint: 'Check the delimiter and quoting, or give "format" and "delimiter" explicitly.',
        cause: error,
      },
    );
  } finally {
    stream.destroy();
  }
}

async function* jsonRecords(
  file: string,
  options: ReadOptions,
): AsyncGenerator<Record<string, unknown>> {
  const text = await readFile(file, 'utf8');
  options.onBytes(Buffer.byteLength(text));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ToolError(
      'INVALID_ARGUMENT',
      `The file is not valid JSON: ${(error as Error).message}`,
      {
        hint: 'A JSON import must be one array of objects; use format "ndjson" for one object per line.',
      },
    );
  }
  if (!Array.isArray(parsed)) {
    throw new ToolError('INVALID_ARGUMENT', 'The JSON file is not an array of objects.', {
      hint: 'Wrap the records in [ ... ], or use format "ndjson" for one object per line.',
    });
  }
  for (const [index, item] of parsed.entries()) {
    if (item === null || typeof item !== 'object' || Array.isArray(item))
      throw invalidRecord(index + 1, 'not an object');
    yield item as Record<string, unknown>;
  }
}

async function* ndjsonRecords(
  file: string,
  options: ReadOptions,
): AsyncGenerator<Record<string, unknown>> {
  const stream = createReadStream(file, { encoding: 'utf8' });
  let bytes = 0;
  stream.on('data', (chunk) => {
    bytes += Buffer.byteLength(chunk as string);
    options.onBytes(bytes);
  });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let number = 0;
  try {
    for await (const line of lines) {
      number += 1;
      if (line.trim() === '') continue;
      let item: unknown;
      try {
        item = JSON.parse(line);
      } catch (error) {
        throw invalidRecord(number, (error as Error).message);
      }
      if (item === null || typeof item !== 'object' || Array.isArray(item))
        throw invalidRecord(number, 'not an object');
      yield item as Record<string, unknown>;
    }
  } finally {
    stream.destroy();
  }
}

function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((raw, index) => {
    const base = raw.trim() === '' ? `column_${index + 1}` : raw.trim();
    let name = base;
    for (let suffix = 2; seen.has(name.toLowerCase()); suffix += 1) name = `${base}_${suffix}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

/**
 * Reads a file's records as objects keyed by column name, one at a time.
 * CSV and TSV columns come from the header line (or are numbered); JSON
 * columns are the union of the keys, in the order first seen.
 */
export async function* readRecords(
  file: string,
  options: ReadOptions,
): AsyncGenerator<Record<string, unknown>> {
  if (options.format === 'json' || options.format === 'ndjson') {
    const records =
      options.format === 'json' ? jsonRecords(file, options) : ndjsonRecords(file, options);
    yield* records;
    return;
  }

  let names: string[] | undefined;
  for await (const fields of delimitedRecords(file, options)) {
    if (!names) {
      names = uniqueNames(options.header ? fields.map(String) : fields.map(() => ''));
      if (options.header) continue;
    }
    while (names.length < fields.length) names = uniqueNames([...names, '']);
    const record: Record<string, unknown> = {};
    names.forEach((name, index) => {
      record[name] = fields[index] ?? null;
    });
    yield record;
  }
}
