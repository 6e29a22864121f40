import { describeTable, listSchemas, listTables, type SqlEngine } from '../../shared/sql/index.ts';
import type { Logger } from '../../shared/logging.ts';

/** Suggestions a client shows at most for one completion request. */
const MAX_SUGGESTIONS = 50;

function startsWith(value: string) {
  const prefix = value.toLowerCase();
  return (name: string) => name.toLowerCase().startsWith(prefix);
}

/**
 * Completion sources for schema, table and column names. A failing lookup
 * returns no suggestions instead of an error, because a completion is only
 * a hint; the failure is logged.
 */
export function nameCompletions(engine: SqlEngine, logger: Logger) {
  const safely = async (what: string, lookup: () => Promise<string[]>): Promise<string[]> => {
    try {
      return (await lookup()).slice(0, MAX_SUGGESTIONS);
    } catch (error) {
      logger.warn({ err: error, what }, 'completion lookup failed');
      return [];
    }
  };

  return {
    schemas: (value: string) =>
      safely('schemas', async () =>
        (await listSchemas(engine)).map((schema) => schema.name).filter(startsWith(value)),
      ),

    tables: (value: string, schema?: string) =>
      safely('tables', async () => {
        const page = await listTables(engine, {
          schema: schema || undefined,
          filter: value || undefined,
          limit: 500,
          offset: 0,
        });
        return page.tables.map((table) => table.name).filter(startsWith(value));
      }),

    columns: (value: string, table?: string, schema?: string) =>
      safely('columns', async () => {
        if (!table) return [];
        const description = await describeTable(engine, table, schema || undefined);
        return description.columns.map((column) => column.name).filter(startsWith(value));
      }),
  };
}

export type NameCompletions = ReturnType<typeof nameCompletions>;
