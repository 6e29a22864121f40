import { z } from 'zod';
import { defineTool, type ToolCall } from '../../../shared/tools.ts';
import type { DatabaseDeps } from '../deps.ts';
import {
  maxRowsInput,
  paramsInput,
  readOptions,
  runWithProgress,
  renderResult,
  resultFields,
  resultShape,
  sqlInput,
} from './shapes.ts';

export const queryTool = defineTool({
  name: 'query',
  title: 'Run a read-only SQL query',
  description:
    'Runs one read-only SQL statement and returns its rows with column names and types. ' +
    'The database enforces read-only access, a statement timeout, and row and byte caps; ' +
    '`truncated` is true when a cap cut the result. Use bound params instead of pasting values ' +
    'into the SQL. Large integers and decimals come back as exact strings, binary as base64.',
  input: z.object({ sql: sqlInput, params: paramsInput, max_rows: maxRowsInput }),
  output: z.object({ ...resultShape, elapsed_ms: z.number() }),
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  async handler({ sql, params, max_rows }, call: ToolCall<DatabaseDeps>) {
    const started = performance.now();
    const result = await runWithProgress(call, readOptions(call, max_rows), (options) =>
      call.deps.engine.readQuery(sql, params ?? [], options),
    );
    const elapsed = Math.round((performance.now() - started) * 10) / 10;
    return {
      structured: { ...resultFields(result), elapsed_ms: elapsed },
      text: renderResult(result),
    };
  },
});
