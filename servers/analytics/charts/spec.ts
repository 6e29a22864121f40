import type { JsonValue } from '../stats/aggregate.ts';

export const CHART_TYPES = ['bar', 'line', 'area', 'scatter', 'pie', 'histogram'] as const;
export type ChartType = (typeof CHART_TYPES)[number];

/** Rows ready to draw and how to read them. */
export interface ChartData {
  type: ChartType;
  rows: Record<string, JsonValue>[];
  /** Field on the horizontal axis (the slice name for pie charts, the bin start for histograms). */
  x: string;
  /** Field of the bin end, for histograms. */
  x2?: string;
  y: string;
  /** Field that splits the data into colored series. */
  series?: string;
  /** How the x values are ordered: "ordinal" keeps the row order (time buckets), "nominal" sorts by y. */
  xType: 'nominal' | 'ordinal' | 'quantitative';
  title: string;
  xTitle: string;
  yTitle: string;
  width: number;
  height: number;
}

const PALETTE = 'tableau10';

function baseSpec(data: ChartData): Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: data.title, fontSize: 16, anchor: 'start' },
    width: data.width,
    height: data.height,
    background: 'white',
    padding: 12,
    data: { values: data.rows },
    config: {
      axis: { labelFontSize: 12, titleFontSize: 13, labelLimit: 180 },
      legend: { labelFontSize: 12, titleFontSize: 13 },
      range: { category: { scheme: PALETTE } },
    },
  };
}

function colorEncoding(data: ChartData): Record<string, unknown> {
  if (!data.series) return {};
  return { color: { field: data.series, type: 'nominal', title: data.series } };
}

function xEncoding(data: ChartData): Record<string, unknown> {
  if (data.xType === 'nominal') {
    // Every category keeps its label, slanted when they would not fit side by side.
    const axis = { labelAngle: data.rows.length > 6 ? -40 : 0, labelOverlap: false };
    return { field: data.x, type: 'nominal', title: data.xTitle, sort: '-y', axis };
  }
  if (data.xType === 'ordinal') {
    const axis = { labelAngle: data.rows.length > 12 ? -45 : 0, labelOverlap: true };
    return { field: data.x, type: 'ordinal', title: data.xTitle, sort: null, axis };
  }
  return { field: data.x, type: 'quantitative', title: data.xTitle, scale: { zero: false } };
}

/** Builds a Vega-Lite specification for the chart type, with the data inline. */
export function buildSpec(data: ChartData): Record<string, unknown> {
  const spec = baseSpec(data);
  const y = { field: data.y, type: 'quantitative', title: data.yTitle };

  switch (data.type) {
    case 'bar':
      return {
        ...spec,
        mark: { type: 'bar', tooltip: true },
        encoding: {
          x: xEncoding(data),
          y,
          ...colorEncoding(data),
          ...(data.series ? { xOffset: { field: data.series } } : {}),
        },
      };
    case 'line':
    case 'area':
      return {
        ...spec,
        mark: {
          type: data.type,
          point: data.rows.length <= 60,
          tooltip: true,
          ...(data.type === 'area' ? { opacity: 0.7, line: true } : {}),
        },
        encoding: { x: xEncoding(data), y, ...colorEncoding(data) },
      };
    case 'scatter':
      return {
        ...spec,
        mark: { type: 'point', filled: true, opacity: 0.7, tooltip: true },
        encoding: {
          x: xEncoding({ ...data, xType: 'quantitative' }),
          y: { ...y, scale: { zero: false } },
          ...colorEncoding(data),
        },
      };
    case 'pie':
      return {
        ...spec,
        mark: { type: 'arc', tooltip: true, stroke: 'white' },
        encoding: {
          theta: { ...y, stack: true },
          color: {
            field: data.x,
            type: 'nominal',
            title: data.xTitle,
            sort: { field: data.y, order: 'descending' },
          },
          order: { field: data.y, type: 'quantitative', sort: 'descending' },
        },
      };
    case 'histogram':
      return {
        ...spec,
        mark: { type: 'bar', tooltip: true, binSpacing: 1 },
        encoding: {
          x: { field: data.x, type: 'quantitative', title: data.xTitle, bin: { binned: true } },
          x2: { field: data.x2 ?? data.x },
          y,
        },
      };
  }
}
