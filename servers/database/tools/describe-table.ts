import { z } from 'zod';
import { describeTable, type TableDescription } from '../../../shared/sql/index.ts';
import { defineTool, type ToolCall } from '../../../shared/tools.ts';
import type { DatabaseDeps } from '../deps.ts';

export const tableDescriptionShape = z.object({
  schema: z.string(),
  name: z.string(),
  kind: z.string(),
  comment: z.string().nullable(),
  columns: z.array(
    z.object({
      name: z.string(),
      type: z.string(),
      nullable: z.boolean(),
      default: z.string().nullable(),
      comment: z.string().nullable(),
    }),
  ),
  primary_key: z.array(z.string()),
  foreign_keys: z.array(
    z.object({
      name: z.string(),
      columns: z.array(z.string()),
      referenced_schema: z.string(),
      referenced_table: z.string(),
      referenced_columns: z.array(z.string()),
    }),
  ),
  indexes: z.array(
    z.object({
      name: z.string(),
      columns: z.array(z.string()),
      unique: z.boolean(),
      primary: z.boolean(),
      definition: z.string().nullable(),
    }),
  ),
});

export function describeTableFields(
  table: TableDescription,
): z.output<typeof tableDescriptionShape> {
  return {
    schema: table.schema,
    name: table.name,
    kind: table.kind,
    comment: table.comment,
    columns: table.columns,
    primary_key: table.primaryKey,
    foreign_keys: table.foreignKeys.map((key) => ({
      name: key.name,
      columns: key.columns,
      referenced_schema: key.referencedSchema,
      referenced_table: key.referencedTable,
      referenced_columns: key.referencedColumns,
    })),
    indexes: table.indexes,
  };
}

/** Renders a description as text: one line per column, then keys and indexes. */
export function renderTable(table: TableDescription): string {
  const lines = [
    `${table.kind} ${table.schema}.${table.name}${table.comment ? ` -- ${table.comment}` : ''}`,
  ];
  for (const column of table.columns) {
    const parts = [column.type, column.nullable ? 'null' : 'not null'];
    if (column.default !== null) parts.push(`default ${column.default}`);
    if (table.primaryKey.includes(column.name)) parts.push('primary key');
    const comment = column.comment ? ` -- ${column.comment}` : '';
    lines.push(`  ${column.name}: ${parts.join(', ')}${comment}`);
  }
  for (const key of table.foreignKeys) {
    lines.push(
      `  foreign key (${key.columns.join(', ')}) references ${key.referencedSchema}.${key.referencedTable} (${key.referencedColumns.join(', ')})`,
    );
  }
  for (const index of table.indexes) {
    let kind = 'index';
    if (index.unique) kind = 'unique index';
    if (index.primary) kind = 'primary index';
    lines.push(`  ${kind} ${index.name} (${index.columns.join(', ')})`);
  }
  return lines.join('\n');
}

export const describeTableTool = defineTool({
  name: 'describe_table',
  title: 'Describe a table',
  description:
    'Describes one table or view: columns with types, nullability, defaults and comments, ' +
    'the primary key, foreign keys and indexes. Give the exact name as list_tables shows it ' +
    '(mixed case, spaces and dashes are fine, no quotes). When the name exists in several ' +
    'schemas, pass schema.',
  input: z.object({
    table: z.string().min(1).max(256).describe('exact table name, without quotes'),
    schema: z.string().min(1).max(256).optional().describe('schema of the table'),
  }),
  output: tableDescriptionShape,
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  async handler({ table, schema }, call: ToolCall<DatabaseDeps>) {
    const description = await describeTable(call.deps.engine, table, schema);
    return { structured: describeTableFields(description), text: renderTable(description) };
  },
});
