import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/server';
import { isToolError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logging.ts';
import { describeTable, listTables } from '../../shared/sql/index.ts';
import type { NameCompletions } from './completions.ts';
import type { DatabaseDeps } from './deps.ts';
import { describeTableFields } from './tools/describe-table.ts';

/** Tables listed as resources at most; list_tables pages through the rest. */
const LISTED_TABLES = 200;

export function tableUri(schema: string, table: string): string {
  return `database://tables/${encodeURIComponent(schema)}/${encodeURIComponent(table)}`;
}

function variable(value: string | string[] | undefined): string {
  const text = Array.isArray(value) ? value.join('/') : (value ?? '');
  return decodeURIComponent(text);
}

/** Registers one resource per table (its description as JSON) with completions for both names. */
export function registerTableResources(
  server: McpServer,
  deps: DatabaseDeps,
  completions: NameCompletions,
  logger: Logger,
): void {
  const template = new ResourceTemplate('database://tables/{schema}/{table}', {
    list: async () => {
      const page = await listTables(deps.engine, { limit: LISTED_TABLES, offset: 0 });
      return {
        resources: page.tables.map((table) => ({
          uri: tableUri(table.schema, table.name),
          name: `${table.schema}.${table.name}`,
          description: `${table.kind}${table.comment ? `: ${table.comment}` : ''}`,
          mimeType: 'application/json',
        })),
      };
    },
    complete: {
      schema: (value) => completions.schemas(value),
      table: (value, context) => completions.tables(value, context?.arguments?.schema),
    },
  });

  server.registerResource(
    'table-schema',
    template,
    {
      title: 'Table schema',
      description: 'Columns, keys and indexes of one table, as describe_table returns them',
      mimeType: 'application/json',
    },
    async (uri, variables) => {
      const schema = variable(variables.schema);
      const table = variable(variables.table);
      try {
        const description = await describeTable(deps.engine, table, schema);
        return {
          contents: [
            {
              uri: uri.href,
              mimeType: 'application/json',
              text: JSON.stringify(describeTableFields(description), null, 2),
            },
          ],
        };
      } catch (error) {
        if (!isToolError(error))
          logger.error({ err: error, schema, table }, 'reading a table resource failed');
        throw error;
      }
    },
  );
}
