import type { Knex } from 'knex';
import type { RawRunner } from './types.ts';
import {
  likePattern,
  toCount,
  type Catalog,
  type ListTablesOptions,
  type TableRef,
} from './types.ts';

const SYSTEM_SCHEMAS = `('mysql', 'information_schema', 'performance_schema', 'sys')`;

type Row = Record<string, unknown>;

async function rows(
  raw: RawRunner,
  sql: string,
  bindings: readonly Knex.Value[] = [],
): Promise<Row[]> {
  const [result] = (await raw(sql, bindings)) as [Row[], unknown];
  return result;
}

function text(value: unknown): string | null {
  return value === null || value === undefined || value === '' ? null : String(value);
}

/** MySQL and MariaDB catalog from information_schema; a schema is a database there. */
export function mysqlCatalog(raw: RawRunner): Catalog {
  return {
    async listSchemas() {
      const found = await rows(
        raw,
        `SELECT s.schema_name AS name, count(t.table_name) AS table_count
         FROM information_schema.schemata s
         LEFT JOIN information_schema.tables t ON t.table_schema = s.schema_name
         WHERE s.schema_name NOT IN ${SYSTEM_SCHEMAS}
         GROUP BY s.schema_name ORDER BY s.schema_name`,
      );
      return found.map((row) => ({ name: String(row.name), tableCount: toCount(row.table_count) }));
    },

    async listTables(options: ListTablesOptions) {
      const found = await rows(
        raw,
        `SELECT table_schema AS table_schema_name, table_name AS table_name_text, table_type AS table_kind,
                table_rows AS row_estimate, table_comment AS comment_text, count(*) OVER () AS total
         FROM information_schema.tables
         WHERE table_schema NOT IN ${SYSTEM_SCHEMAS}
           AND (? IS NULL OR table_schema = ?)
           AND table_name LIKE ? ESCAPE '\\\\'
         ORDER BY table_schema, table_name
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
          schema: String(row.table_schema_name),
          name: String(row.table_name_text),
          kind: row.table_kind === 'VIEW' ? ('view' as const) : ('table' as const),
          // InnoDB's table_rows is an estimate and may be off by a wide margin.
          rowEstimate: row.row_estimate === null ? null : toCount(row.row_estimate),
          comment: text(row.comment_text),
          partitionCount: 0,
        })),
        total: toCount(found[0]?.total),
      };
    },

    async findTables(name: string, schema?: string) {
      const found = await rows(
        raw,
        `SELECT table_schema AS table_schema_name, table_name AS table_name_text
         FROM information_schema.tables
         WHERE table_name = ? AND (? IS NULL OR table_schema = ?)
           AND table_schema NOT IN ${SYSTEM_SCHEMAS}
         ORDER BY table_schema`,
        [name, schema ?? null, schema ?? null],
      );
      return found.map((row) => ({
        schema: String(row.table_schema_name),
        name: String(row.table_name_text),
      }));
    },

    async describeTable(table: TableRef) {
      const bindings = [table.schema, table.name];
      const [relation] = await rows(
        raw,
        `SELECT table_type AS table_kind, table_comment AS comment_text FROM information_schema.tables
         WHERE table_schema = ? AND table_name = ?`,
        bindings,
      );
      const columns = await rows(
        raw,
        `SELECT column_name AS column_name_text, column_type AS column_type_text, is_nullable AS nullable_text,
                column_default AS default_value, extra AS extra_text, column_comment AS comment_text
         FROM information_schema.columns WHERE table_schema = ? AND table_name = ?
         ORDER BY ordinal_position`,
        bindings,
      );
      const keys = await rows(
        raw,
        `SELECT constraint_name AS constraint_name_text, column_name AS column_name_text,
                referenced_table_schema AS referenced_schema, referenced_table_name AS referenced_table,
                referenced_column_name AS referenced_column
         FROM information_schema.key_column_usage
         WHERE table_schema = ? AND table_name = ?
         ORDER BY constraint_name, ordinal_position`,
        bindings,
      );
      const indexRows = await rows(
        raw,
        `SELECT index_name AS index_name_text, non_unique AS non_unique_flag, column_name AS column_name_text
         FROM information_schema.statistics
         WHERE table_schema = ? AND table_name = ?
         ORDER BY index_name, seq_in_index`,
        bindings,
      );

      const primaryKey = keys
        .filter((row) => row.constraint_name_text === 'PRIMARY')
        .map((row) => String(row.column_name_text));

      const foreignKeys = new Map<
        string,
        { columns: string[]; schema: string; table: string; referenced: string[] }
      >();
      for (const row of keys) {
        if (row.referenced_table === null || row.referenced_table === undefined) continue;
        const name = String(row.constraint_name_text);
        const entry = foreignKeys.get(name) ?? {
          columns: [],
          schema: String(row.referenced_schema),
          table: String(row.referenced_table),
          referenced: [],
        };
        entry.columns.push(String(row.column_name_text));
        entry.referenced.push(String(row.referenced_column));
        foreignKeys.set(name, entry);
      }

      const indexes = new Map<string, { columns: string[]; unique: boolean }>();
      for (const row of indexRows) {
        const name = String(row.index_name_text);
        const entry = indexes.get(name) ?? {
          columns: [],
          unique: toCount(row.non_unique_flag) === 0,
        };
        entry.columns.push(text(row.column_name_text) ?? '(expression)');
        indexes.set(name, entry);
      }

      return {
        kind: relation?.table_kind === 'VIEW' ? ('view' as const) : ('table' as const),
        comment: text(relation?.comment_text),
        columns: columns.map((row) => {
          const extra = text(row.extra_text);
          const fallback = text(row.default_value);
          return {
            name: String(row.column_name_text),
            type: String(row.column_type_text),
            nullable: row.nullable_text === 'YES',
            default:
              extra && /auto_increment|generated/i.test(extra) ? extra.toLowerCase() : fallback,
            comment: text(row.comment_text),
          };
        }),
        primaryKey,
        foreignKeys: [...foreignKeys].map(([name, entry]) => ({
          name,
          columns: entry.columns,
          referencedSchema: entry.schema,
          referencedTable: entry.table,
          referencedColumns: entry.referenced,
        })),
        indexes: [...indexes].map(([name, entry]) => ({
          name,
          columns: entry.columns,
          unique: entry.unique,
          primary: name === 'PRIMARY',
          definition: null,
        })),
      };
    },
  };
}
