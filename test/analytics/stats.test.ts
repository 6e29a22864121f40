import type { Knex } from 'knex';
import { linearRegression, rSquared, sampleCorrelation } from 'simple-statistics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetColumns, requireColumns } from '../../servers/analytics/sql/columns.ts';
import type { StatsSource } from '../../servers/analytics/sql/engine.ts';
import { histogram } from '../../servers/analytics/stats/histogram.ts';
import { resolveMetrics } from '../../servers/analytics/stats/metrics.ts';
import { detectOutliers } from '../../servers/analytics/stats/outliers.ts';
import { correlation, pairMoments, spearmanInEngine } from '../../servers/analytics/stats/pairs.ts';
import { fitLine } from '../../servers/analytics/stats/regression.ts';
import { timeSeries, type TimeSeriesQuery } from '../../servers/analytics/stats/time-series.ts';
import { testEngines } from './engines.ts';
import { averageRanks, pearson, present, quantile } from './reference.ts';
import { createSales, SALES } from './sales-fixture.ts';

const engines = await testEngines();
const sales = { table: 'sales', source: 'database' as const };
const points = { table: 'points', source: 'database' as const };
const POINTS: [number | null, number | null][] = [
  [1, 2],
  [2, 1],
  [2, 4],
  [3, 3],
  [4, 6],
  [5, 5],
  [5, 7],
  [6, 9],
  [null, 4],
  [40, null],
];
const complete = POINTS.filter(
  (pair): pair is [number, number] => pair[0] !== null && pair[1] !== null,
);
async function createPoints(knex: Knex): Promise<void> {
  await knex.schema.createTable('points', (table) => {
    table.integer('x').nullable();
    table.integer('y').nullable();
  });
  await knex('points').insert(POINTS.map(([x, y]) => ({ x, y })));
}

const xs = complete.map(([x]) => x);
const ys = complete.map(([, y]) => y);

describe.each(engines)('statistics on $label', ({ label, status, open }) => {
  let source: StatsSource;
  let close: () => Promise<void>;

  beforeAll(async () => {
    if (!status.available) return;
    const opened = await open(`analytics_stats_${label.replaceAll(' ', '_')}`, async (knex) => {
      await createSales(knex);
      await createPoints(knex);
    });
    source = opened.source;
    close = opened.close;
  });
  afterAll(async () => {
    await close?.();
  });

  async function series(overrides: Partial<TimeSeriesQuery>) {
    const columns = await datasetColumns(source, sales);
    const [timeColumn] = requireColumns(columns, ['sold_at'], sales);
    return timeSeries(source, {
      dataset: sales,
      filters: [],
      columns,
      timeColumn: timeColumn!,
      interval: 'month',
      timeZone: 'UTC',
      metrics: resolveMetrics([{ fn: 'count' }, { fn: 'sum', column: 'amount' }]),
      fillGaps: true,
      movingAverage: 0,
      compare: 'none',
      ...overrides,
    });
  }

  it.skipIf(!status.available)('buckets months in UTC', async () => {
    const result = await series({ movingAverage: 2, compare: 'previous' });
    expect(result.points.map((point) => point.label)).toEqual([
      '2024-01',
      '2024-02',
      '2024-03',
      '2024-04',
      '2024-05',
      '2024-06',
    ]);
    expect(result.points.map((point) => point.values.count)).toEqual([3, 2, 2, 2, 2, 1]);
    expect(result.points.map((point) => point.movingAverage?.count)).toEqual([
      3, 2.5, 2, 2, 2, 1.5,
    ]);
    expect(result.points.map((point) => point.change?.count)).toEqual([null, -1, 0, 0, 0, -1]);
    expect(result.points[1]?.percentChange?.count).toBeCloseTo(-100 / 3, 9);
  });

  it.skipIf(!status.available)('fills gaps in Asia/Shanghai', async () => {
    const result = await series({ timeZone: 'Asia/Shanghai' });
    expect(result.points.map((point) => point.label)).toEqual([
      '2024-01',
      '2024-02',
      '2024-03',
      '2024-04',
      '2024-05',
      '2024-06',
      '2024-07',
    ]);
    expect(result.points.map((point) => point.values.count)).toEqual([3, 2, 0, 4, 2, 0, 1]);
    expect(result.points.map((point) => point.values.sum_amount)).toEqual([
      60.5, 45.25, 0, 34, 15, 0, 100,
    ]);
    expect(result.points[2]?.filled).toBe(true);
    expect(result.points[0]?.start).toBe('2024-01-01T00:00:00+08:00');
  });

  it.skipIf(!status.available)('follows daylight saving in New York', async () => {
    const result = await series({ timeZone: 'America/New_York' });
    expect(result.points.map((point) => point.values.count)).toEqual([3, 2, 3, 1, 2, 1]);
    expect(result.points[2]?.start).toBe('2024-03-01T00:00:00-05:00');
    expect(result.points[3]?.start).toBe('2024-04-01T00:00:00-04:00');
  });

  it.skipIf(!status.available)('computes medians per bucket', async () => {
    const result = await series({
      timeZone: 'Asia/Shanghai',
      metrics: resolveMetrics([{ fn: 'median', column: 'amount', as: 'median' }]),
    });
    // Shanghai months: January has 10.5, 20 and 30; April has 15, 7, null and 12.
    expect(result.points.map((point) => point.values.median)).toEqual([
      20,
      22.625,
      null,
      12,
      7.5,
      null,
      100,
    ]);
  });

  it.skipIf(!status.available)('buckets weeks and quarters', async () => {
    const weeks = await series({ interval: 'week', fillGaps: false });
    expect(weeks.points[0]).toMatchObject({ label: '2024-01-01', values: { count: 3 } });
    const quarters = await series({ interval: 'quarter' });
    expect(quarters.points.map((point) => [point.label, point.values.count])).toEqual([
      ['2024-Q1', 7],
      ['2024-Q2', 5],
    ]);
  });

  it.skipIf(!status.available)('matches reference correlations', async () => {
    const [moments] = await pairMoments(source, { dataset: points, filters: [] }, [['x', 'y']]);
    expect(moments?.n).toBe(complete.length);
    expect(correlation(moments!.sxy, moments!.sxx, moments!.syy)).toBeCloseTo(pearson(xs, ys), 12);
    expect(correlation(moments!.sxy, moments!.sxx, moments!.syy)).toBeCloseTo(
      sampleCorrelation(xs, ys),
      12,
    );
    const spearman = await spearmanInEngine(
      source,
      { dataset: points, filters: [] },
      ['x', 'y'],
      complete.length,
    );
    expect(spearman).toBeCloseTo(pearson(averageRanks(xs), averageRanks(ys)), 12);
  });

  it.skipIf(!status.available)('fits a least squares line', async () => {
    const [moments] = await pairMoments(source, { dataset: points, filters: [] }, [['x', 'y']]);
    const fit = fitLine(moments!);
    const reference = linearRegression(complete.map(([x, y]) => [x, y]));
    const line = (x: number) => reference.m * x + reference.b;
    expect(fit.slope).toBeCloseTo(reference.m, 12);
    expect(fit.intercept).toBeCloseTo(reference.b, 12);
    expect(fit.rSquared).toBeCloseTo(
      rSquared(
        complete.map(([x, y]) => [x, y]),
        line,
      ),
      12,
    );

    const n = complete.length;
    const meanX = xs.reduce((a, b) => a + b, 0) / n;
    const sxx = xs.reduce((total, x) => total + (x - meanX) ** 2, 0);
    const residuals = complete.reduce((total, [x, y]) => total + (y - line(x)) ** 2, 0);
    const sigma2 = residuals / (n - 2);
    expect(fit.slopeStandardError).toBeCloseTo(Math.sqrt(sigma2 / sxx), 12);
    expect(fit.interceptStandardError).toBeCloseTo(
      Math.sqrt(sigma2 * (1 / n + meanX ** 2 / sxx)),
      12,
    );
  });

  it.skipIf(!status.available)('counts histogram bins', async () => {
    const amounts = present(SALES.map((row) => row.amount));
    const result = await histogram(source, {
      dataset: sales,
      filters: [],
      column: 'amount',
      bins: 4,
    });
    const width = (100 - -3) / 4;
    const expected = [0, 1, 2, 3].map(
      (bin) =>
        amounts.filter((value) => Math.min(3, Math.floor((value - -3) / width)) === bin).length,
    );
    expect(result.bins.map((bin) => bin.count)).toEqual(expected);
    expect(result.nulls).toBe(1);
    expect(result.bins.at(-1)?.end).toBe(100);
  });

  it.skipIf(!status.available)('flags outliers by IQR and z-score', async () => {
    const iqr = await detectOutliers(source, {
      dataset: sales,
      filters: [],
      column: 'amount',
      method: 'iqr',
      threshold: 1.5,
      limit: 5,
    });
    const amounts = present(SALES.map((row) => row.amount));
    expect(iqr.center.q1).toBeCloseTo(quantile(amounts, 0.25)!, 9);
    expect(iqr.center.q3).toBeCloseTo(quantile(amounts, 0.75)!, 9);
    expect(iqr.above).toBe(1);
    expect(iqr.below).toBe(0);
    expect(iqr.rows[0]?.row.id).toBe(12);

    const zscore = await detectOutliers(source, {
      dataset: sales,
      filters: [],
      column: 'amount',
      method: 'zscore',
      threshold: 2,
      limit: 5,
    });
    expect(zscore.above).toBe(1);
    expect(zscore.rows[0]?.score).toBeGreaterThan(2);
  });
});
