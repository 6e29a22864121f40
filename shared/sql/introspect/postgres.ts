import type { Knex } from 'knex';
import type { RawRunner } from './types.ts';
import {
  likePattern,
  toCount,
  type Catalog,
  type ListTablesOptions,
  type TableKind,
  type TableRef,
} from './types.ts';

const SYSTEM_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'`;

const KINDS: Record<string, TableKind> = {
  r: 'table',
  p: 'partitioned table',
  v: 'view',
  m: 'materialized view',
  f: 'foreign table',
};

type Row = Record<string, unknown>;

async function rows(
  raw: RawRunner,
  sql: string,
  bindings: readonly Knex.Value[] = [],
): Promise<Row[]> {
  const result = (await raw(sql, bindings)) as { rows: Row[] };
  return result.rows;
}

function text(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

function estimate(value: unknown): number | null {
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 ? Math.round(number) : null;
}

/** PostgreSQL's catalog, read from pg_class and friends so partitions fold under their parent. */
export function postgresCatalog(raw: RawRunner): Catalog {
  return {
    async listSchemas() {
      const found = await rows(
        raw,
        `SELECT n.nspname AS name,
                count(c.oid) FILTER (WHERE c.relkind IN ('r','p','v','m','f') AND NOT c.relispartition) AS table_count
         FROM pg_catalog.pg_namespace n
         LEFT JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid
         WHERE ${SYSTEM_SCHEMAS}
         GROUP BY n.nspname ORDER BY n.nspname`,
      );
      return found.map((row) => ({ name: String(row.name), tableCount: toCount(row.table_count) }));
    },

    async listTables(options: ListTablesOptions) {
      const found = await rows(
        raw,
        `SELECT n.nspname AS schema, c.relname AS name, c.relkind AS kind,
                CASE WHEN c.relkind = 'p' THEN
                  (SELECT sum(greatest(child.reltuples, 0)) FROM pg_catalog.pg_inherits i
                   JOIN pg_catalog.pg_class child ON child.oid = i.inhrelid WHERE i.inhparent = c.oid)
                ELSE c.reltuples END AS row_estimate,
                pg_catalog.obj_description(c.oid, 'pg_class') AS comment,
                (SELECT count(*) FROM pg_catalog.pg_inherits i WHERE i.inhparent = c.oid AND c.relkind = 'p') AS partition_count,
                count(*) OVER () AS total
         FROM pg_catalog.pg_class c
         JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('r','p','v','m','f') AND NOT c.relispartition AND ${SYSTEM_SCHEMAS}
           AND (CAST(? AS text) IS NULL OR n.nspname = ?)
           AND c.relname ILIKE ? ESCAPE '\\'
         ORDER BY n.nspname, c.relname
         LIMIT ? OFFSET ?`,
        [
          options.schema ?? null,
          options.schema ?? null,
          likePattern(options.filter),
          options.limit,
          options.offset,
        ],
      );
      return {
        tables: found.map((row) => ({
          schema: String(row.schema),
          name: String(row.name),
          kind: KINDS[String(row.kind)] ?? 'table',
          // reltuples is -1 until the table is first analyzed (PostgreSQL 14 and later).
          rowEstimate: estimate(row.row_estimate),
          comment: text(row.comment),
          partitionCount: toCount(row.partition_count),
        })),
        total: toCount(found[0]?.total),
      };
    },

    async findTables(name: string, schema?: string) {
      const found = await rows(
        raw,
        `SELECT n.nspname AS schema, c.relname AS name
         FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('r','p','v','m','f') AND c.relname = ?
           AND (CAST(? AS text) IS NULL OR n.nspname = ?) AND ${SYSTEM_SCHEMAS}
         ORDER BY n.nspname`,
        [name, schema ?? null, schema ?? null],
      );
      return found.map((row) => ({ schema: String(row.schema), name: String(row.name) }));
    },

    async describeTable(table: TableRef) {
      const [relation] = await rows(
        raw,
        `SELECT c.oid::int AS oid, c.relkind AS kind, pg_catalog.obj_description(c.oid, 'pg_class') AS comment
         FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = ? AND c.relname = ?`,
        [table.schema, table.name],
      );
      const oid = Number(relation?.oid);

      const columns = await rows(
        raw,
        `SELECT a.attname AS name, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
                NOT a.attnotnull AS nullable, pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS default_value,
                a.attidentity AS identity, pg_catalog.col_description(a.attrelid, a.attnum) AS comment
         FROM pg_catalog.pg_attribute a
         LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
         WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped
         ORDER BY a.attnum`,
        [oid],
      );

      const constraints = await rows(
        raw,
        `SELECT con.conname AS name, con.contype AS type,
                ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, pos)
                      JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.pos) AS columns,
                fn.nspname AS referenced_schema, fc.relname AS referenced_table,
                ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, pos)
                      JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.pos) AS referenced_columns
         FROM pg_catalog.pg_constraint con
         LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid
         LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
         WHERE con.conrelid = ? AND con.contype IN ('p', 'f')
         ORDER BY con.conname`,
        [oid],
      );

      const indexes = await rows(
        raw,
        `SELECT i.relname AS name, ix.indisunique AS unique, ix.indisprimary AS primary,
                pg_catalog.pg_get_indexdef(ix.indexrelid) AS definition,
                ARRAY(SELECT coalesce(a.attname::text, pg_catalog.pg_get_indexdef(ix.indexrelid, k.pos::int, true))
                      FROM unnest(ix.indkey) WITH ORDINALITY k(num, pos)
                      LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.num
                      WHERE k.pos <= ix.indnkeyatts ORDER BY k.pos) AS columns
         FROM pg_catalog.pg_index ix JOIN pg_catalog.pg_class i ON i.oid = ix.indexrelid
         WHERE ix.indrelid = ? ORDER BY i.relname`,
        [oid],
      );

      const primary = constraints.find((row) => row.type === 'p');
      return {
        kind: KINDS[String(relation?.kind)] ?? 'table',
        comment: text(relation?.comment),
        columns: columns.map((row) => ({
          name: String(row.name),
          type: String(row.type),
          nullable: Boolean(row.nullable),
          default: row.identity
            ? `generated ${row.identity === 'a' ? 'always' : 'by default'} as identity`
            : text(row.default_value),
          comment: text(row.comment),
        })),
        primaryKey: (primary?.columns as string[] | undefined) ?? [],
        foreignKeys: constraints
          .filter((row) => row.type === 'f')
          .map((row) => ({
            name: String(row.name),
            columns: row.columns as string[],
            referencedSchema: String(row.referenced_schema),
            referencedTable: String(row.referenced_table),
            referencedColumns: row.referenced_columns as string[],
          })),
        indexes: indexes.map((row) => ({
          name: String(row.name),
          columns: row.columns as string[],
          unique: Boolean(row.unique),
          primary: Boolean(row.primary),
          definition: text(row.definition),
        })),
      };
    },
  };
}
