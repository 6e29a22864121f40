import type { Knex } from 'knex';
import type { RawRunner } from './types.ts';
import {
  likePattern,
  toCount,
  type Catalog,
  type ListTablesOptions,
  type TableRef,
} from './types.ts';

type Row = Record<string, unknown>;

async function rows(
  raw: RawRunner,
  sql: string,
  bindings: readonly Knex.Value[] = [],
): Promise<Row[]> {
  return (await raw(sql, bindings)) as Row[];
}

function text(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** SQLite keeps no comments; row estimates come from sqlite_stat1 after ANALYZE. */
export function sqliteCatalog(raw: RawRunner): Catalog {
  const hasStats = async (): Promise<boolean> => {
    const found = await rows(
      raw,
      `SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sqlite_stat1'`,
    );
    return found.length > 0;
  };

  return {
    async listSchemas() {
      const found = await rows(
        raw,
        `SELECT count(*) AS table_count FROM sqlite_schema
         WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`,
      );
      return [{ name: 'main', tableCount: toCount(found[0]?.table_count) }];
    },

    async listTables(options: ListTablesOptions) {
      if (options.schema && options.schema !== 'main') return { tables: [], total: 0 };
      const stats = await hasStats();
      const estimate = stats
        ? `(SELECT max(CAST(substr(stat, 1, instr(stat || ' ', ' ') - 1) AS INTEGER))
            FROM sqlite_stat1 WHERE tbl = s.name)`
        : 'NULL';
      const found = await rows(
        raw,
        `SELECT s.name AS name, s.type AS type, ${estimate} AS row_estimate, count(*) OVER () AS total
         FROM sqlite_schema s
         WHERE s.type IN ('table', 'view') AND s.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
           AND s.name LIKE ? ESCAPE '\\'
         ORDER BY s.name LIMIT ? OFFSET ?`,
        [likePattern(options.filter), options.limit, options.offset],
      );
      return {
        tables: found.map((row) => ({
          schema: 'main',
          name: String(row.name),
          kind: row.type === 'view' ? ('view' as const) : ('table' as const),
          rowEstimate: row.row_estimate === null ? null : toCount(row.row_estimate),
          comment: null,
          partitionCount: 0,
        })),
        total: toCount(found[0]?.total),
      };
    },

    async findTables(name: string, schema?: string) {
      if (schema && schema !== 'main') return [];
      const found = await rows(
        raw,
        `SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name = ?`,
        [name],
      );
      return found.map((row) => ({ schema: 'main', name: String(row.name) }));
    },

    async describeTable(table: TableRef) {
      const [relation] = await rows(raw, `SELECT type FROM sqlite_schema WHERE name = ?`, [
        table.name,
      ]);
      const columns = await rows(
        raw,
        `SELECT name, type, "notnull" AS not_null, dflt_value, pk, hidden FROM pragma_table_xinfo(?) ORDER BY cid`,
        [table.name],
      );
      const keys = await rows(
        raw,
        `SELECT id, seq, "table" AS referenced_table, "from" AS column_name, "to" AS referenced_column
         FROM pragma_foreign_key_list(?) ORDER BY id, seq`,
        [table.name],
      );
      const indexList = await rows(
        raw,
        `SELECT l.name AS index_name, l."unique" AS is_unique, l.origin AS origin, i.name AS column_name
         FROM pragma_index_list(?) l, pragma_index_info(l.name) i
         ORDER BY l.name, i.seqno`,
        [table.name],
      );
      const definitions = await rows(
        raw,
        `SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?`,
        [table.name],
      );

      const primaryKey = columns
        .filter((row) => toCount(row.pk) > 0)
        .sort((a, b) => toCount(a.pk) - toCount(b.pk))
        .map((row) => String(row.name));

      const foreignKeys = new Map<
        number,
        { table: string; columns: string[]; referenced: (string | null)[] }
      >();
      for (const row of keys) {
        const id = toCount(row.id);
        const entry = foreignKeys.get(id) ?? {
          table: String(row.referenced_table),
          columns: [],
          referenced: [],
        };
        entry.columns.push(String(row.column_name));
        entry.referenced.push(text(row.referenced_column));
        foreignKeys.set(id, entry);
      }

      const indexes = new Map<string, { columns: string[]; unique: boolean; primary: boolean }>();
      for (const row of indexList) {
        const name = String(row.index_name);
        const entry = indexes.get(name) ?? {
          columns: [],
          unique: toCount(row.is_unique) === 1,
          primary: row.origin === 'pk',
        };
        entry.columns.push(text(row.column_name) ?? '(expression)');
        indexes.set(name, entry);
      }
      const definitionOf = new Map(definitions.map((row) => [String(row.name), text(row.sql)]));

      return {
        kind: relation?.type === 'view' ? ('view' as const) : ('table' as const),
        comment: null,
        columns: columns
          .filter((row) => toCount(row.hidden) === 0 || toCount(row.hidden) >= 2)
          .map((row) => ({
            name: String(row.name),
            type: String(row.type ?? ''),
            nullable: toCount(row.not_null) === 0 && toCount(row.pk) === 0,
            default: text(row.dflt_value),
            comment: null,
          })),
        primaryKey,
        foreignKeys: [...foreignKeys].map(([id, entry]) => ({
          name: `fk_${table.name}_${id}`,
          columns: entry.columns,
          referencedSchema: 'main',
          referencedTable: entry.table,
          // SQLite leaves "to" empty when the key references the parent's primary key.
          referencedColumns: entry.referenced.map((column) => column ?? '(primary key)'),
        })),
        indexes: [...indexes].map(([name, entry]) => ({
          name,
          columns: entry.columns,
          unique: entry.unique,
          primary: entry.primary,
          definition: definitionOf.get(name) ?? null,
        })),
      };
    },
  };
}
