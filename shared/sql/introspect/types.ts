import type { Knex } from 'knex';

export type TableKind =
  'table' | 'partitioned table' | 'view' | 'materialized view' | 'foreign table';

export interface SchemaSummary {
  name: string;
  /** Tables, views and the like in the schema, partitions not counted. */
  tableCount: number;
}

export interface TableSummary {
  schema: string;
  name: string;
  kind: TableKind;
  /** The planner's row estimate, or null when the engine keeps none. */
  rowEstimate: number | null;
  comment: string | null;
  /** Partitions folded under this partitioned table. */
  partitionCount: number;
}

export interface ListTablesOptions {
  schema?: string | undefined;
  /** Case-insensitive substring of the table name. */
  filter?: string | undefined;
  limit: number;
  offset: number;
}

export interface TablePage {
  tables: TableSummary[];
  /** Tables matching the options, across all pages. */
  total: number;
}

export interface ColumnDescription {
  name: string;
  type: string;
  nullable: boolean;
  default: string | null;
  comment: string | null;
}

export interface ForeignKeyDescription {
  name: string;
  columns: string[];
  referencedSchema: string;
  referencedTable: string;
  referencedColumns: string[];
}

export interface IndexDescription {
  name: string;
  columns: string[];
  unique: boolean;
  primary: boolean;
  /** The engine's own definition, where it provides one. */
  definition: string | null;
}

export interface TableDescription {
  schema: string;
  name: string;
  kind: TableKind;
  comment: string | null;
  columns: ColumnDescription[];
  primaryKey: string[];
  foreignKeys: ForeignKeyDescription[];
  indexes: IndexDescription[];
}

/** A table located by exact name in one schema. */
export interface TableRef {
  schema: string;
  name: string;
}

/** Catalog queries of one dialect; every name is passed as a binding. */
export interface Catalog {
  listSchemas(): Promise<SchemaSummary[]>;
  listTables(options: ListTablesOptions): Promise<TablePage>;
  /** Every table with this exact name, optionally within one schema. */
  findTables(name: string, schema?: string): Promise<TableRef[]>;
  describeTable(table: TableRef): Promise<Omit<TableDescription, 'schema' | 'name'>>;
}

/** Escapes `%`, `_` and `\` so a filter matches itself inside LIKE ... ESCAPE '\'. */
export function likePattern(filter: string | undefined): string {
  if (!filter) return '%';
  return `%${filter.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

export function toCount(value: unknown): number {
  const number = Number(value);
  return Number.isFinite(number) ? number : 0;
}

/** Runs one catalog statement with bindings and returns the driver's raw result. */
export type RawRunner = (sql: string, bindings?: readonly Knex.Value[]) => Promise<unknown>;
