import { z } from 'zod';
import { ToolError } from '../../../shared/errors.ts';
import { defineTool } from '../../../shared/tools.ts';
import { prepareChartData } from '../charts/data.ts';
import { renderChart } from '../charts/render.ts';
import { buildSpec, CHART_TYPES } from '../charts/spec.ts';
import type { AnalyticsDeps } from '../context.ts';
import { requireNumeric } from '../sql/columns.ts';
import { datasetInput, describeDataset } from '../sql/dataset.ts';
import { filtersInput } from '../sql/filters.ts';
import { INTERVALS } from '../stats/time-buckets.ts';
import { checkTimeZone } from '../stats/time-zone.ts';
import { columnNamed, openDataset, READ_ONLY } from './common.ts';

const CHART_FUNCTIONS = ['count', 'count_distinct', 'sum', 'avg', 'min', 'max', 'median'] as const;

const input = z.object({
  dataset: datasetInput,
  type: z.enum(CHART_TYPES),
  x: z
    .string()
    .min(1)
    .max(256)
    .describe(
      'Category or time column (bar, line, area, pie), numeric column (scatter, histogram)',
    ),
  y: z
    .string()
    .min(1)
    .max(256)
    .optional()
    .describe('Numeric column aggregated per x; for scatter, the vertical axis'),
  aggregate: z
    .enum(CHART_FUNCTIONS)
    .optional()
    .describe('Applied to y per x: sum by default, count without y'),
  series: z
    .string()
    .min(1)
    .max(256)
    .optional()
    .describe('Column that splits the data into colored series'),
  interval: z.enum(INTERVALS).default('month').describe('Bucket size when x is a time column'),
  timeZone: z.string().min(1).max(64).default('UTC'),
  bins: z.number().int().min(1).max(200).default(20).describe('Histogram bins'),
  limit: z
    .number()
    .int()
    .min(1)
    .max(5000)
    .optional()
    .describe('Most categories (default 30) or scatter points (default 2000)'),
  filters: filtersInput,
  title: z.string().max(200).optional(),
  width: z.number().int().min(200).max(2000).default(640),
  height: z.number().int().min(150).max(1500).default(360),
});

const output = z.object({
  type: z.string(),
  title: z.string(),
  dataset: z.string(),
  points: z.number().describe('Marks drawn'),
  truncated: z.boolean(),
  leftOut: z.string().nullable().describe('What the chart leaves out, when it leaves anything out'),
  method: z.string(),
  spec: z.record(z.string(), z.unknown()).describe('The Vega-Lite specification, data inline'),
  svg: z.string(),
  png: z.object({ width: z.number(), height: z.number(), bytes: z.number() }),
  fontWarning: z.string().nullable(),
});

export const chartTool = defineTool<AnalyticsDeps, typeof input, typeof output>({
  name: 'chart',
  title: 'Draw a chart',
  description:
    'Draws a bar, line, area, scatter, pie or histogram chart of a dataset, with the numbers aggregated inside the database, and returns it as a PNG image, the SVG and the Vega-Lite specification. Rendered locally; nothing is sent to a chart service.',
  input,
  output,
  annotations: READ_ONLY,
  async handler(args, call) {
    checkTimeZone(args.timeZone);
    const names = [args.x, ...(args.y ? [args.y] : []), ...(args.series ? [args.series] : [])];
    const opened = await openDataset(call, args.dataset, names, args.filters);
    const x = columnNamed(opened, args.x);
    const y = args.y ? columnNamed(opened, args.y) : null;
    const series = args.series ? columnNamed(opened, args.series) : null;
    if (args.type === 'histogram' || args.type === 'scatter')
      requireNumeric([x], `a ${args.type} x axis`);
    const fn = args.aggregate ?? (y ? 'sum' : 'count');
    if (y && fn !== 'count' && fn !== 'count_distinct') requireNumeric([y], `"${fn}"`);
    if (!y && fn !== 'count') {
      throw new ToolError('INVALID_ARGUMENT', `"aggregate": "${fn}" needs a "y" column.`, {
        hint: 'Give "y", or use "aggregate": "count".',
      });
    }

    await call.progress(0, 2, 'computing the chart data in the database');
    const limit = Math.min(
      args.limit ?? (args.type === 'scatter' ? 2000 : 30),
      call.deps.limits.maxRows,
    );
    const prepared = await prepareChartData(opened.source, {
      type: args.type,
      dataset: args.dataset,
      columns: opened.columns,
      filters: args.filters,
      x,
      y,
      series,
      fn,
      interval: args.interval,
      timeZone: args.timeZone,
      bins: args.bins,
      limit,
    });
    if (prepared.data.rows.length === 0) {
      throw new ToolError(
        'NOT_FOUND',
        `No rows of ${describeDataset(args.dataset)} are left to chart.`,
        {
          hint: 'Loosen the filters, or check the columns with profile.',
        },
      );
    }

    await call.progress(1, 2, 'rendering');
    const title =
      args.title ??
      (args.type === 'histogram'
        ? `Distribution of ${args.x}`
        : args.type === 'scatter'
          ? `${y?.name ?? ''} against ${args.x}`
          : `${prepared.data.yTitle} by ${args.x}`);
    const spec = buildSpec({ ...prepared.data, title, width: args.width, height: args.height });
    const rendered = await renderChart(spec);
    await call.progress(2, 2, 'rendered');
    if (rendered.fontWarning)
      call.logger.warn({ warning: rendered.fontWarning }, 'chart drawn without a CJK font');

    const text = [
      `${args.type} chart "${title}" of ${describeDataset(args.dataset)}: ${prepared.data.rows.length} marks, ${rendered.width}×${rendered.height} PNG.`,
      `Data: ${prepared.method}.${prepared.leftOut ? ` Note: ${prepared.leftOut}.` : ''}`,
      rendered.fontWarning ?? '',
    ]
      .filter(Boolean)
      .join('\n');
    return {
      structured: {
        type: args.type,
        title,
        dataset: describeDataset(args.dataset),
        points: prepared.data.rows.length,
        truncated: prepared.leftOut !== null,
        leftOut: prepared.leftOut,
        method: prepared.method,
        spec,
        svg: rendered.svg,
        png: { width: rendered.width, height: rendered.height, bytes: rendered.png.length },
        fontWarning: rendered.fontWarning,
      },
      text,
      content: [{ type: 'image', data: rendered.png.toString('base64'), mimeType: 'image/png' }],
    };
  },
});
