import { z } from 'zod';
import { listSchemas } from '../../../shared/sql/index.ts';
import { defineTool, type ToolCall } from '../../../shared/tools.ts';
import type { DatabaseDeps } from '../deps.ts';

export const listSchemasTool = defineTool({
  name: 'list_schemas',
  title: 'List schemas',
  description:
    'Lists the schemas of the database (databases on MySQL and MariaDB; "main" on SQLite) ' +
    'with how many tables and views each has. System schemas are left out.',
  input: z.object({}),
  output: z.object({
    dialect: z.enum(['postgres', 'mysql', 'sqlite']),
    schemas: z.array(z.object({ name: z.string(), table_count: z.number().int() })),
  }),
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  async handler(_args, call: ToolCall<DatabaseDeps>) {
    const { engine } = call.deps;
    const schemas = await listSchemas(engine);
    const lines = schemas.map((schema) => `${schema.name} (${schema.tableCount} tables)`);
    return {
      structured: {
        dialect: engine.dialect,
        schemas: schemas.map((schema) => ({ name: schema.name, table_count: schema.tableCount })),
      },
      text: [`${schemas.length} schemas on ${engine.dialect}:`, ...lines].join('\n'),
    };
  },
});
