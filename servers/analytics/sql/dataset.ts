import type { Knex } from 'knex';
import { z } from 'zod';
import { ToolError } from '../../../shared/errors.ts';
import { quoteIdentifier, type StatsSource } from './engine.ts';

export const datasetInput = z
  .object({
    table: z.string().min(1).max(256).optional().describe('A table or view name'),
    schema: z
      .string()
      .min(1)
      .max(128)
      .optional()
      .describe('Schema (PostgreSQL) or database (MySQL) of the table'),
    sql: z
      .string()
      .min(1)
      .max(20_000)
      .optional()
      .describe('A read-only SELECT whose rows form the dataset; use instead of table'),
    source: z
      .enum(['database', 'workspace'])
      .default('database')
      .describe('"workspace" for tables made by import_file'),
  })
  .describe('What to analyse: a table, or a read-only SELECT');

export type DatasetInput = z.output<typeof datasetInput>;

/** The alias every statistics query gives the dataset. */
export const DATASET_ALIAS = 'd';

const SELECT_START = /^\s*(?:--[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*(select|with)\b/i;

/** Checks a dataset names exactly one of table and sql, and that sql reads like one query. */
export function checkDataset(dataset: DatasetInput): void {
  if ((dataset.table === undefined) === (dataset.sql === undefined)) {
    throw new ToolError('INVALID_ARGUMENT', 'A dataset needs exactly one of "table" and "sql".', {
      hint: 'Give { "table": "orders" } or { "sql": "SELECT ..." }; list_datasets shows the tables.',
    });
  }
  if (dataset.sql !== undefined && !SELECT_START.test(dataset.sql)) {
    throw new ToolError(
      'INVALID_ARGUMENT',
      'The dataset "sql" must be one SELECT (or WITH) query.',
      {
        hint: 'Write a single read-only SELECT; filters and groupings can also go in the structured arguments.',
      },
    );
  }
}

/** Builds the dataset as a FROM item aliased `d`, ready for `knex.from(...)`. */
export function datasetFrom(source: StatsSource, dataset: DatasetInput): Knex.Raw {
  checkDataset(dataset);
  const alias = quoteIdentifier(source.engine, DATASET_ALIAS);
  if (dataset.sql !== undefined) {
    const body = dataset.sql.trim().replace(/;\s*$/, '');
    // The line break keeps a trailing -- comment from swallowing the closing parenthesis.
    return source.knex.raw(`(${body}\n) as ${alias}`);
  }
  const table = quoteIdentifier(source.engine, dataset.table ?? '');
  const qualified = dataset.schema
    ? `${quoteIdentifier(source.engine, dataset.schema)}.${table}`
    : table;
  return source.knex.raw(`${qualified} as ${alias}`);
}

/** Names the dataset briefly for messages and chart titles. */
export function describeDataset(dataset: DatasetInput): string {
  if (dataset.table !== undefined) {
    return dataset.schema ? `${dataset.schema}.${dataset.table}` : dataset.table;
  }
  return 'the SELECT query';
}
