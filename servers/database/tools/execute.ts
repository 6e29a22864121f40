import { z } from 'zod';
import { defineTool, type ToolCall } from '../../../shared/tools.ts';
import type { DatabaseDeps } from '../deps.ts';
import {
  paramsInput,
  readOptions,
  runWithProgress,
  renderResult,
  resultFields,
  resultShape,
  sqlInput,
} from './shapes.ts';

export const executeTool = defineTool({
  name: 'execute',
  title: 'Run a statement that changes data',
  description:
    'Runs one statement that may change data or schema (INSERT, UPDATE, DELETE, CREATE...) ' +
    'and commits it. Returns the affected row count, and rows when the statement returns ' +
    'some (RETURNING). Use bound params for values. Only present when the server runs with --allow-write.',
  input: z.object({ sql: sqlInput, params: paramsInput }),
  output: z.object({
    affected_rows: z.number().nullable(),
    command: z.string().nullable(),
    ...Object.fromEntries(
      Object.entries(resultShape).map(([key, schema]) => [key, schema.optional()]),
    ),
  }),
  annotations: {
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: false,
    openWorldHint: false,
  },
  async handler({ sql, params }, call: ToolCall<DatabaseDeps>) {
    const outcome = await runWithProgress(call, readOptions(call), (options) =>
      call.deps.engine.execute(sql, params ?? [], options),
    );
    const affected =
      outcome.affectedRows === null ? 'Statement done.' : `${outcome.affectedRows} rows affected.`;
    return {
      structured: {
        affected_rows: outcome.affectedRows,
        command: outcome.command,
        ...(outcome.result ? resultFields(outcome.result) : {}),
      },
      text: outcome.result ? `${affected}\n${renderResult(outcome.result)}` : affected,
    };
  },
});
