import { ToolError } from '../errors.ts';
import type { SqlEngine } from './engine.ts';
import { catalogFor } from './introspect/index.ts';
import type {
  ListTablesOptions,
  SchemaSummary,
  TableDescription,
  TablePage,
  TableRef,
} from './introspect/types.ts';

/** Lists the schemas that are not the engine's own. */
export async function listSchemas(engine: SqlEngine): Promise<SchemaSummary[]> {
  try {
    return await catalogFor(
      engine.dialect,
      await engine.knex(),
      engine.catalogTimeoutMs,
    ).listSchemas();
  } catch (error) {
    throw engine.toToolError(error);
  }
}

/** Lists tables, views and the like, one page at a time, partitions folded under their parent. */
export async function listTables(
  engine: SqlEngine,
  options: ListTablesOptions,
): Promise<TablePage> {
  try {
    return await catalogFor(
      engine.dialect,
      await engine.knex(),
      engine.catalogTimeoutMs,
    ).listTables(options);
  } catch (error) {
    throw engine.toToolError(error);
  }
}

/**
 * Finds the one table with this exact name. Without a schema, a name found
 * in several schemas is an error that lists them, so two tables are never
 * merged into one description.
 */
export async function resolveTable(
  engine: SqlEngine,
  name: string,
  schema?: string,
): Promise<TableRef> {
  let found: TableRef[];
  try {
    found = await catalogFor(
      engine.dialect,
      await engine.knex(),
      engine.catalogTimeoutMs,
    ).findTables(name, schema);
  } catch (error) {
    throw engine.toToolError(error);
  }

  const where = schema ? ` in schema "${schema}"` : '';
  if (found.length === 0) {
    throw new ToolError('NOT_FOUND', `Table "${name}" was not found${where}.`, {
      hint: `call ${engine.tools.listTables} (with a filter) to see the exact names; names are case-sensitive`,
    });
  }
  if (found.length > 1) {
    const schemas = found.map((table) => `"${table.schema}"`).join(', ');
    throw new ToolError(
      'INVALID_ARGUMENT',
      `Table "${name}" exists in several schemas: ${schemas}.`,
      {
        hint: 'call again with the schema argument set to one of them',
        details: { schemas: found.map((table) => table.schema) },
      },
    );
  }
  return found[0]!;
}

/** Describes one table: columns, keys, indexes and comments. */
export async function describeTable(
  engine: SqlEngine,
  name: string,
  schema?: string,
): Promise<TableDescription> {
  const table = await resolveTable(engine, name, schema);
  try {
    const details = await catalogFor(
      engine.dialect,
      await engine.knex(),
      engine.catalogTimeoutMs,
    ).describeTable(table);
    return { schema: table.schema, name: table.name, ...details };
  } catch (error) {
    throw engine.toToolError(error);
  }
}
