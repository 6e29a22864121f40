import { z } from 'zod';
import type { SqlEngine } from '../../../shared/sql/index.ts';
import { defineTool } from '../../../shared/tools.ts';
import type { AnalyticsDeps } from '../context.ts';
import { formatTable } from '../format.ts';
import { READ_ONLY } from './common.ts';

const MAX_TABLES = 500;

const CATALOG_SQL = {
  postgres: `select table_schema as schema, table_name as name, lower(table_type) as type
    from information_schema.tables
    where table_schema not in ('pg_catalog', 'information_schema') and table_schema not like 'pg_toast%'
    order by table_schema, table_name`,
  mysql: `select table_schema as \`schema\`, table_name as name, lower(table_type) as type
    from information_schema.tables where table_schema = database() order by table_name`,
  sqlite: `select null as schema, name, type from sqlite_schema
    where type in ('table', 'view') and name not like 'sqlite_%' order by name`,
} as const;

const dataset = z.object({
  source: z.enum(['database', 'workspace']),
  schema: z.string().nullable(),
  table: z.string(),
  type: z.string().describe('table or view'),
  rows: z.number().nullable().describe('Known for imported tables only'),
  file: z.string().nullable().describe('The file an imported table came from'),
});

const input = z.object({});

const output = z.object({
  database: z.string().describe('The database, without its password'),
  datasets: z.array(dataset),
  truncated: z.boolean(),
});

async function databaseTables(sql: SqlEngine, timeoutMs: number, signal: AbortSignal) {
  const result = await sql.readQuery(CATALOG_SQL[sql.dialect], [], {
    maxRows: MAX_TABLES,
    maxBytes: 4 * 1024 * 1024,
    timeoutMs,
    signal,
  });
  const tables = result.rows.map((row) => ({
    source: 'database' as const,
    schema: row[0] === null ? null : String(row[0]),
    table: String(row[1]),
    type: String(row[2]).includes('view') ? 'view' : 'table',
    rows: null,
    file: null,
  }));
  return { tables, truncated: result.truncated };
}

export const listDatasetsTool = defineTool<AnalyticsDeps, typeof input, typeof output>({
  name: 'list_datasets',
  title: 'List datasets',
  description:
    'Lists the tables and views of the database and the tables imported with import_file (source "workspace"). Any of them, or a read-only SELECT, can be a dataset for the other tools.',
  input,
  output,
  annotations: READ_ONLY,
  async handler(_args, call) {
    const { database, workspace, limits } = call.deps;
    const found = await databaseTables(database, limits.timeoutMs, call.signal);
    const imported = [...workspace.tables.values()].map((table) => ({
      source: 'workspace' as const,
      schema: null,
      table: table.table,
      type: 'table',
      rows: table.rows,
      file: table.file,
    }));
    const datasets = [...found.tables, ...imported];
    const text = [
      `Database ${database.describe()}: ${found.tables.length} table(s) and view(s)${found.truncated ? ` (first ${MAX_TABLES})` : ''}; workspace: ${imported.length} imported table(s).`,
      formatTable(datasets, ['source', 'schema', 'table', 'type', 'rows'], MAX_TABLES),
    ].join('\n\n');
    return {
      structured: { database: database.describe(), datasets, truncated: found.truncated },
      text,
    };
  },
});
