import { z } from 'zod';
import { resolveTable } from '../../../shared/sql/index.ts';
import { defineTool, type ToolCall } from '../../../shared/tools.ts';
import type { DatabaseDeps } from '../deps.ts';
import { readOptions, runWithProgress, renderResult, resultFields, resultShape } from './shapes.ts';

export const sampleRowsTool = defineTool({
  name: 'sample_rows',
  title: 'Show sample rows',
  description:
    'Returns the first rows of a table or view as stored (no ordering), to see what its ' +
    'values look like before writing a query. Names are exact, as list_tables shows them.',
  input: z.object({
    table: z.string().min(1).max(256).describe('exact table name, without quotes'),
    schema: z.string().min(1).max(256).optional().describe('schema of the table'),
    columns: z
      .array(z.string().min(1).max(256))
      .max(200)
      .optional()
      .describe('only these columns (exact names); all columns when left out'),
    limit: z.number().int().min(1).max(100).optional().describe('rows to return, 10 by default'),
  }),
  output: z.object({ schema: z.string(), table: z.string(), ...resultShape }),
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  async handler({ table, schema, columns, limit }, call: ToolCall<DatabaseDeps>) {
    const { engine } = call.deps;
    const found = await resolveTable(engine, table, schema);
    const knex = await engine.knex();

    // knex quotes every identifier, so names with spaces, dashes or quotes stay names.
    const builder = knex
      .withSchema(found.schema)
      .select(columns && columns.length > 0 ? columns : '*')
      .from(found.name)
      .limit(limit ?? 10);
    const statement = builder.toSQL().toNative();

    const result = await runWithProgress(call, readOptions(call), (options) =>
      engine.readQuery(statement.sql, statement.bindings, options),
    );
    return {
      structured: { schema: found.schema, table: found.name, ...resultFields(result) },
      text: `Sample of ${found.schema}.${found.name}: ${renderResult(result)}`,
    };
  },
});
