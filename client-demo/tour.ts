import type { ToolCallResult } from './conversation.ts';
import type { ScriptedStep } from './transcript.ts';
import type { ToolRunner } from './tool-runner.ts';

/** Facts that earlier steps found and later steps use. */
export interface TourFindings {
  topCity?: string;
  topCountryCode?: string;
  productNames?: string[];
}

export interface TourStep {
  question: string;
  /** The `server__tool` the scripted tour calls. */
  tool: string;
  args(findings: TourFindings): Record<string, unknown>;
  learn?(result: ToolCallResult, findings: TourFindings): void;
}

/** Converts query result rows to objects, because the database server sends arrays and column names. */
function rowsOf(result: ToolCallResult): Record<string, unknown>[] {
  const structured = result.structured as
    { rows?: unknown; columns?: { name: string }[] } | undefined;
  if (!Array.isArray(structured?.rows)) return [];

  const names = (structured.columns ?? []).map((column) => column.name);
  return structured.rows.map((row: unknown) => {
    if (!Array.isArray(row)) return row as Record<string, unknown>;
    return Object.fromEntries(names.map((name, index) => [name, row[index]]));
  });
}

/**
 * The tour: the questions a model is asked in `conduit demo`, and the tool
 * call the scripted tour makes for each (without a model, or under --scripted).
 */
export const TOUR: readonly TourStep[] = [
  {
    question: 'Which five cities bring in the most revenue in the demo shop database?',
    tool: 'database__query',
    args: () => ({
      sql:
        'SELECT city, country_code, ROUND(SUM(revenue), 2) AS revenue FROM order_revenue ' +
        'GROUP BY city, country_code ORDER BY revenue DESC LIMIT 5',
    }),
    learn(result, findings) {
      const top = rowsOf(result)[0];
      if (typeof top?.city === 'string') findings.topCity = top.city;
      if (typeof top?.country_code === 'string') findings.topCountryCode = top.country_code;
    },
  },
  {
    question: 'What is the weather right now in the city with the most revenue?',
    tool: 'weather__get_current_weather',
    args: (findings) => ({
      place: findings.topCity ?? 'Shanghai',
      ...(findings.topCountryCode ? { countryCode: findings.topCountryCode } : {}),
    }),
  },
  {
    question: 'What are the Chinese names of three of our products?',
    tool: 'database__query',
    args: () => ({ sql: 'SELECT name_en, name_zh FROM products ORDER BY id LIMIT 3' }),
    learn(result, findings) {
      const names = rowsOf(result)
        .map((row) => row.name_zh)
        .filter((name): name is string => typeof name === 'string');
      if (names.length > 0) findings.productNames = names;
    },
  },
  {
    question: 'Translate those Chinese product names into English.',
    tool: 'translation__translate',
    args: (findings) => ({
      text: findings.productNames ?? ['无线耳机', '保温杯', '机械键盘'],
      source: 'zh',
      target: 'en',
    }),
  },
  {
    question: 'Draw a chart of monthly sales.',
    tool: 'analytics__chart',
    args: () => ({
      dataset: { table: 'order_revenue' },
      type: 'line',
      x: 'ordered_at',
      y: 'revenue',
      aggregate: 'sum',
      interval: 'month',
      title: 'Monthly sales',
    }),
  },
];

export interface ScriptedTourOptions {
  runner: ToolRunner;
  signal: AbortSignal;
  steps?: readonly TourStep[];
  /** Called before each step runs, with its position from 1. */
  onStep?(step: TourStep, position: number): void;
}

/** Runs every tour step as a direct tool call, in order, and returns what each returned. */
export async function runScriptedTour(options: ScriptedTourOptions): Promise<ScriptedStep[]> {
  const findings: TourFindings = {};
  const done: ScriptedStep[] = [];
  const steps = options.steps ?? TOUR;

  for (const [index, step] of steps.entries()) {
    if (options.signal.aborted) break;
    options.onStep?.(step, index + 1);

    const args = step.args(findings);
    const call = { id: `tour-${index + 1}`, name: step.tool, arguments: JSON.stringify(args) };
    // No model takes part, so the results are worded for the user.
    const result = await options.runner.run(call, options.signal, 'user');
    if (!result.isError) step.learn?.(result, findings);

    done.push({
      question: step.question,
      tool: step.tool,
      arguments: args,
      isError: result.isError,
      text: result.text,
      imagePaths: result.imagePaths,
      ...(result.structured === undefined ? {} : { structured: result.structured }),
    });
  }
  return done;
}
