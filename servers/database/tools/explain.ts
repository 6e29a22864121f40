import { z } from 'zod';
import { ToolError } from '../../../shared/errors.ts';
import type { JsonValue, SqlEngine } from '../../../shared/sql/index.ts';
import { defineTool, type ToolCall } from '../../../shared/tools.ts';
import type { DatabaseDeps } from '../deps.ts';
import { paramsInput, readOptions, runWithProgress, sqlInput } from './shapes.ts';

async function explainPrefix(engine: SqlEngine, analyze: boolean): Promise<string> {
  if (engine.dialect === 'postgres') {
    return analyze ? 'EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ' : 'EXPLAIN (FORMAT JSON) ';
  }
  if (engine.dialect === 'mysql') {
    if (!analyze) return 'EXPLAIN FORMAT=JSON ';
    const mariadb = /mariadb/i.test(await engine.serverVersion());
    return mariadb ? 'ANALYZE FORMAT=JSON ' : 'EXPLAIN ANALYZE ';
  }
  if (analyze) {
    throw new ToolError('UNSUPPORTED', 'SQLite has no EXPLAIN ANALYZE.', {
      hint: 'call explain with analyze set to false for the query plan',
    });
  }
  return 'EXPLAIN QUERY PLAN ';
}

function parsePlan(value: JsonValue | undefined): JsonValue {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value) as JsonValue;
  } catch {
    return value;
  }
}

export const explainTool = defineTool({
  name: 'explain',
  title: 'Explain a query plan',
  description:
    "Shows the engine's plan for one statement (JSON on PostgreSQL and MySQL/MariaDB, the " +
    'query plan rows on SQLite). With analyze set, the statement really runs to measure it, ' +
    'inside a read-only transaction that is rolled back, so it cannot write; SQLite has no analyze.',
  input: z.object({
    sql: sqlInput,
    params: paramsInput,
    analyze: z.boolean().optional().describe('run the statement and report real timings'),
  }),
  output: z.object({ dialect: z.string(), analyze: z.boolean(), plan: z.unknown() }),
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  async handler({ sql, params, analyze }, call: ToolCall<DatabaseDeps>) {
    const { engine } = call.deps;
    const prefix = await explainPrefix(engine, analyze ?? false);
    const options = { ...readOptions(call), maxRows: 10_000 };
    const result = await runWithProgress(call, options, (withProgress) =>
      engine.readQuery(prefix + sql, params ?? [], withProgress),
    );

    let plan: JsonValue;
    let text: string;
    if (engine.dialect === 'sqlite') {
      plan = result.rows.map((row) => ({
        id: row[0] ?? null,
        parent: row[1] ?? null,
        detail: row[3] ?? null,
      }));
      text = result.rows.map((row) => String(row[3])).join('\n');
    } else if (result.rows.length === 1 && result.rows[0]!.length === 1) {
      plan = parsePlan(result.rows[0]![0]);
      text = typeof plan === 'string' ? plan : JSON.stringify(plan, null, 1);
    } else {
      plan = result.rows.map((row) => row.map((value) => value));
      text = result.rows.map((row) => row.join('\t')).join('\n');
    }
    return { structured: { dialect: engine.dialect, analyze: analyze ?? false, plan }, text };
  },
});
