import { ToolError } from '../../../shared/errors.ts';
import { chartFonts, hasCjk } from './fonts.ts';

export interface RenderedChart {
  svg: string;
  png: Buffer;
  width: number;
  height: number;
  /** Set when the chart has CJK text but no CJK font was found. */
  fontWarning: string | null;
}

/** Rendering scale for the PNG, so text stays sharp on high-density screens. */
const PNG_SCALE = 2;

/**
 * Renders a Vega-Lite specification locally: Vega-Lite compiles it to Vega,
 * Vega draws SVG without a browser, and resvg rasterises the SVG to PNG.
 * Data must be inline: the loader rejects every URL and file.
 */
export async function renderChart(spec: Record<string, unknown>): Promise<RenderedChart> {
  const [vega, vegaLite, resvg, fonts] = await Promise.all([
    import('vega'),
    import('vega-lite'),
    import('@resvg/resvg-js'),
    chartFonts(),
  ]);

  const withFont = {
    ...spec,
    config: { ...(spec.config as object | undefined), font: fonts.family },
  };
  let compiled;
  try {
    compiled = vegaLite.compile(withFont as never).spec;
  } catch (error) {
    throw new ToolError(
      'INVALID_ARGUMENT',
      `The chart could not be built: ${(error as Error).message}`,
      {
        hint: 'Check the column names and chart type.',
        cause: error,
      },
    );
  }

  const rejected: string[] = [];
  const loader = vega.loader();
  loader.load = async (uri: string) => {
    rejected.push(uri);
    throw new Error(`chart data must be inline; rejected a request to load ${uri}`);
  };
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader });
  let svg: string;
  try {
    svg = await view.toSVG();
  } finally {
    view.finalize();
  }
  if (rejected.length > 0) {
    throw new ToolError(
      'INVALID_ARGUMENT',
      `Chart data must be inline; rejected a request to load ${rejected.join(', ')}.`,
      {
        hint: 'Charts draw data computed from a dataset; they never fetch files or URLs.',
      },
    );
  }

  const image = new resvg.Resvg(svg, {
    fitTo: { mode: 'zoom', value: PNG_SCALE },
    background: 'white',
    font: {
      loadSystemFonts: true,
      defaultFontFamily: fonts.cjkFamily ?? 'DejaVu Sans',
      sansSerifFamily: fonts.cjkFamily ?? 'DejaVu Sans',
    },
    logLevel: 'off',
  }).render();
  const png = image.asPng();

  const fontWarning = fonts.warning && hasCjk(svg) ? fonts.warning : null;
  return { svg, png, width: image.width, height: image.height, fontWarning };
}
