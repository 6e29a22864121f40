import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { chooseFonts } from '../../servers/analytics/charts/fonts.ts';
import { renderChart } from '../../servers/analytics/charts/render.ts';
import { buildSpec, type ChartData } from '../../servers/analytics/charts/spec.ts';
import { countMarks, pngSize, svgTexts } from './svg.ts';

const CITIES = [
  { city: '北京', revenue: 120 },
  { city: '上海', revenue: 180 },
  { city: 'São Paulo', revenue: 60 },
  { city: 'Zürich', revenue: 30 },
];

function chart(overrides: Partial<ChartData>): ChartData {
  return {
    type: 'bar',
    rows: CITIES,
    x: 'city',
    y: 'revenue',
    xType: 'nominal',
    title: '城市销售额',
    xTitle: '城市',
    yTitle: '销售额',
    width: 320,
    height: 200,
    ...overrides,
  };
}

function chineseFonts(): string {
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

describe('chart rendering', () => {
  it('finds a CJK font under CI', () => {
    if (process.env.CI !== 'true') return;
    expect(chineseFonts(), 'install fonts-wqy-microhei so Chinese labels render').not.toBe('');
  });

  it('draws bars with Chinese labels', async () => {
    const rendered = await renderChart(buildSpec(chart({})));
    expect(countMarks(rendered.svg, 'rect')).toBe(CITIES.length);
    expect(svgTexts(rendered.svg)).toEqual(
      expect.arrayContaining([
        '城市销售额',
        '城市',
        '销售额',
        '北京',
        '上海',
        'São Paulo',
        'Zürich',
      ]),
    );
    expect(pngSize(rendered.png)).toEqual({ width: rendered.width, height: rendered.height });
    if (chineseFonts() !== '') expect(rendered.fontWarning).toBeNull();
  });

  it('draws one line with a point per bucket', async () => {
    const rows = ['2024-01', '2024-02', '2024-03'].map((bucket, index) => ({
      bucket,
      value: index * 10,
    }));
    const rendered = await renderChart(
      buildSpec(chart({ type: 'line', rows, x: 'bucket', y: 'value', xType: 'ordinal' })),
    );
    expect(countMarks(rendered.svg, 'line')).toBe(1);
    expect(countMarks(rendered.svg, 'symbol')).toBe(rows.length);
    expect(svgTexts(rendered.svg)).toEqual(expect.arrayContaining(['2024-01', '2024-03']));
  });

  it('draws an area', async () => {
    const rows = ['2024-01', '2024-02'].map((bucket, index) => ({ bucket, value: index + 1 }));
    const rendered = await renderChart(
      buildSpec(chart({ type: 'area', rows, x: 'bucket', y: 'value', xType: 'ordinal' })),
    );
    expect(countMarks(rendered.svg, 'area')).toBe(1);
  });

  it('draws a pie slice per category', async () => {
    const rendered = await renderChart(buildSpec(chart({ type: 'pie' })));
    expect(countMarks(rendered.svg, 'arc')).toBe(CITIES.length);
    expect(svgTexts(rendered.svg)).toEqual(expect.arrayContaining(['北京', 'Zürich']));
  });

  it('draws a scatter point per row', async () => {
    const rows = [1, 2, 3, 4, 5].map((x) => ({ x, y: x * x, group: x % 2 === 0 ? '偶数' : 'odd' }));
    const rendered = await renderChart(
      buildSpec(
        chart({ type: 'scatter', rows, x: 'x', y: 'y', series: 'group', xType: 'quantitative' }),
      ),
    );
    expect(countMarks(rendered.svg, 'symbol')).toBe(rows.length);
    expect(svgTexts(rendered.svg)).toEqual(expect.arrayContaining(['偶数', 'odd']));
  });

  it('draws a histogram bar per bin', async () => {
    const rows = [
      { start: 0, end: 5, count: 3 },
      { start: 5, end: 10, count: 7 },
      { start: 10, end: 15, count: 1 },
    ];
    const rendered = await renderChart(
      buildSpec(
        chart({
          type: 'histogram',
          rows,
          x: 'start',
          x2: 'end',
          y: 'count',
          xType: 'quantitative',
        }),
      ),
    );
    expect(countMarks(rendered.svg, 'rect')).toBe(rows.length);
  });

  it('warns when no CJK font exists', () => {
    const fonts = chooseFonts([]);
    expect(fonts.cjkFamily).toBeNull();
    expect(fonts.warning).toContain('fonts-wqy-microhei');
  });

  it('prefers WenQuanYi Micro Hei', () => {
    const fonts = chooseFonts(['AR PL UMing CN', 'WenQuanYi Micro Hei']);
    expect(fonts.family).toBe('WenQuanYi Micro Hei, sans-serif');
    expect(fonts.warning).toBeNull();
  });

  it('rejects data loaded from a URL', async () => {
    const spec = { ...buildSpec(chart({})), data: { url: 'http://127.0.0.1:9/data.json' } };
    await expect(renderChart(spec)).rejects.toThrow(/inline/);
  });
});
