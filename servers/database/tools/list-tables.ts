import { z } from 'zod';
import { ToolError } from '../../../shared/errors.ts';
import { listTables } from '../../../shared/sql/index.ts';
import { defineTool, type ToolCall } from '../../../shared/tools.ts';
import type { DatabaseDeps } from '../deps.ts';

const PAGE_SIZE = 100;

const tableShape = z.object({
  schema: z.string(),
  name: z.string(),
  kind: z.string(),
  row_estimate: z.number().nullable(),
  comment: z.string().nullable().optional(),
  partition_count: z.number().int().optional(),
});

function parseCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const offset = Number(cursor);
  if (!Number.isInteger(offset) || offset < 0) {
    throw new ToolError('INVALID_ARGUMENT', `Invalid cursor "${cursor}".`, {
      hint: 'pass the next_cursor value of the previous list_tables result, or leave cursor out',
    });
  }
  return offset;
}

export const listTablesTool = defineTool({
  name: 'list_tables',
  title: 'List tables',
  description:
    'Lists tables, views, materialized views and foreign tables of every non-system schema, ' +
    'or of one schema, with row estimates. Partitions are folded under their parent table. ' +
    'Filter by a case-insensitive part of the name; page with next_cursor. ' +
    'Set detail to true for comments and partition counts.',
  input: z.object({
    schema: z.string().min(1).max(256).optional().describe('only this schema (exact name)'),
    filter: z.string().max(256).optional().describe('case-insensitive part of the table name'),
    limit: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .describe(`page size, ${PAGE_SIZE} by default`),
    cursor: z.string().max(20).optional().describe('next_cursor from the previous page'),
    detail: z.boolean().optional().describe('include comments and partition counts'),
  }),
  output: z.object({
    tables: z.array(tableShape),
    total: z.number().int(),
    next_cursor: z.string().nullable(),
  }),
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  async handler({ schema, filter, limit, cursor, detail }, call: ToolCall<DatabaseDeps>) {
    const offset = parseCursor(cursor);
    const pageSize = limit ?? PAGE_SIZE;
    const page = await listTables(call.deps.engine, { schema, filter, limit: pageSize, offset });
    const nextOffset = offset + page.tables.length;
    const nextCursor =
      page.tables.length > 0 && nextOffset < page.total ? String(nextOffset) : null;

    const tables = page.tables.map((table) => ({
      schema: table.schema,
      name: table.name,
      kind: table.kind,
      row_estimate: table.rowEstimate,
      ...(detail ? { comment: table.comment, partition_count: table.partitionCount } : {}),
    }));

    const lines = page.tables.map((table) => {
      const rows = table.rowEstimate === null ? '' : `, ~${table.rowEstimate} rows`;
      const parts = table.partitionCount > 0 ? `, ${table.partitionCount} partitions` : '';
      const comment = detail && table.comment ? ` -- ${table.comment}` : '';
      return `${table.schema}.${table.name} (${table.kind}${rows}${parts})${comment}`;
    });
    const header =
      page.total === 0
        ? 'No tables match.'
        : `Tables ${offset + 1}-${nextOffset} of ${page.total}:`;
    const footer = nextCursor ? [`More: call again with cursor "${nextCursor}".`] : [];
    return {
      structured: { tables, total: page.total, next_cursor: nextCursor },
      text: [header, ...lines, ...footer].join('\n'),
    };
  },
});
