import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetColumns } from '../../servers/analytics/sql/columns.ts';
import type { StatsSource } from '../../servers/analytics/sql/engine.ts';
import { aggregate } from '../../servers/analytics/stats/aggregate.ts';
import { resolveMetrics } from '../../servers/analytics/stats/metrics.ts';
import { profileDataset } from '../../servers/analytics/stats/profile.ts';
import { testEngines } from './engines.ts';
import { mean, present, quantile, sampleStddev } from './reference.ts';
import { createSales, SALES } from './sales-fixture.ts';

const engines = await testEngines();
const dataset = { table: 'sales', source: 'database' as const };
const regions = [...new Set(SALES.map((row) => row.region))];

function rowsOf(region: string | null) {
  return SALES.filter((row) => row.region === region);
}

describe.each(engines)('aggregate on $label', ({ label, status, open }) => {
  let source: StatsSource;
  let close: () => Promise<void>;

  beforeAll(async () => {
    if (!status.available) return;
    const opened = await open(`analytics_aggregate_${label.replaceAll(' ', '_')}`, async (knex) => {
      await createSales(knex);
      await knex.schema.createTable('odd names', (table) => {
        table.string('we"ird `col`', 32);
        table.double('金额');
      });
      await knex('odd names').insert([
        { 'we"ird `col`': 'a?', 金额: 1 },
        { 'we"ird `col`': 'a?', 金额: 4 },
        { 'we"ird `col`': "b'", 金额: 2 },
      ]);
    });
    source = opened.source;
    close = opened.close;
  });
  afterAll(async () => {
    await close?.();
  });

  it.skipIf(!status.available)('computes every metric per group', async () => {
    const columns = await datasetColumns(source, dataset);
    const metrics = resolveMetrics([
      { fn: 'count' },
      { fn: 'count', column: 'qty' },
      { fn: 'count_distinct', column: 'qty' },
      { fn: 'sum', column: 'amount' },
      { fn: 'avg', column: 'amount' },
      { fn: 'min', column: 'amount' },
      { fn: 'max', column: 'amount' },
      { fn: 'stddev', column: 'amount' },
      { fn: 'median', column: 'amount' },
      { fn: 'percentile', column: 'amount', p: 0.9 },
      { fn: 'percentile', column: 'qty', p: 0.25 },
    ]);
    const result = await aggregate(source, {
      dataset,
      columns,
      filters: [],
      groupBy: ['region'],
      metrics,
      orderBy: [],
      limit: 100,
    });

    expect(result.rows).toHaveLength(regions.length);
    expect(result.truncated).toBe(false);
    for (const region of regions) {
      const group = rowsOf(region);
      const amounts = present(group.map((row) => row.amount));
      const quantities = present(group.map((row) => row.qty));
      const row = result.rows.find((candidate) => candidate.region === region);
      expect(row, `group ${region}`).toBeDefined();
      expect(row?.count).toBe(group.length);
      expect(row?.count_qty).toBe(quantities.length);
      expect(row?.count_distinct_qty).toBe(new Set(quantities).size);
      expect(row?.sum_amount).toBe(amounts.length ? amounts.reduce((a, b) => a + b, 0) : null);
      expectClose(row?.avg_amount, mean(amounts));
      expect(row?.min_amount).toBe(amounts.length ? Math.min(...amounts) : null);
      expect(row?.max_amount).toBe(amounts.length ? Math.max(...amounts) : null);
      expectClose(row?.stddev_amount, sampleStddev(amounts));
      expectClose(row?.median_amount, quantile(amounts, 0.5));
      expectClose(row?.p90_amount, quantile(amounts, 0.9));
      expectClose(row?.p25_qty, quantile(quantities, 0.25));
    }
  });

  it.skipIf(!status.available)('orders by a quantile with nulls last', async () => {
    const columns = await datasetColumns(source, dataset);
    const result = await aggregate(source, {
      dataset,
      columns,
      filters: [],
      groupBy: ['region'],
      metrics: resolveMetrics([{ fn: 'median', column: 'amount', as: 'median' }]),
      orderBy: [{ by: 'median', direction: 'desc' }],
      limit: 3,
    });
    expect(result.rows.map((row) => row.region)).toEqual(['south', 'north', null]);
    expect(result.truncated).toBe(true);
  });

  it.skipIf(!status.available)('quotes unusual names', async () => {
    const odd = { table: 'odd names', source: 'database' as const };
    const column = 'we"ird `col`';
    const result = await aggregate(source, {
      dataset: odd,
      columns: await datasetColumns(source, odd),
      filters: [{ column, op: '!=', value: 'c?' }],
      groupBy: [column],
      metrics: resolveMetrics([{ fn: 'median', column: '金额', as: 'median' }]),
      orderBy: [{ by: column, direction: 'asc' }],
      limit: 10,
    });
    expect(result.rows).toEqual([
      { [column]: 'a?', median: 2.5 },
      { [column]: "b'", median: 2 },
    ]);
  });

  it.skipIf(!status.available)('rejects a question mark in names', async () => {
    const odd = { table: 'odd names', source: 'database' as const };
    const query = aggregate(source, {
      dataset: odd,
      columns: await datasetColumns(source, odd),
      filters: [],
      groupBy: ['what?'],
      metrics: resolveMetrics([{ fn: 'count' }]),
      orderBy: [],
      limit: 10,
    });
    await expect(query).rejects.toThrow(/"\?" are not supported/);
  });

  it.skipIf(!status.available)('applies structured filters', async () => {
    const columns = await datasetColumns(source, dataset);
    const result = await aggregate(source, {
      dataset,
      columns,
      filters: [
        { column: 'region', op: 'in', value: ['north', '北京', 'São Paulo'] },
        { column: 'amount', op: '>=', value: 7 },
      ],
      groupBy: [],
      metrics: resolveMetrics([{ fn: 'count' }, { fn: 'sum', column: 'amount' }]),
      orderBy: [],
      limit: 10,
    });
    const expected = SALES.filter(
      (row) =>
        ['north', '北京', 'São Paulo'].includes(row.region ?? '') && (row.amount ?? -Infinity) >= 7,
    );
    expect(result.rows[0]?.count).toBe(expected.length);
    expect(result.rows[0]?.sum_amount).toBe(
      expected.reduce((total, row) => total + (row.amount ?? 0), 0),
    );
  });

  it.skipIf(!status.available)('profiles every column', async () => {
    const columns = await datasetColumns(source, dataset);
    const steps: number[] = [];
    const result = await profileDataset(
      source,
      { dataset, columns, filters: [], probabilities: [0.25, 0.5, 0.75], topValues: 3 },
      async (done) => void steps.push(done),
    );
    const amounts = present(SALES.map((row) => row.amount));
    const amount = result.columns.find((column) => column.name === 'amount');
    expect(result.rowCount).toBe(SALES.length);
    expect(amount?.kind).toBe('number');
    expect(amount?.nulls).toBe(1);
    expect(amount?.distinct).toBe(new Set(amounts).size);
    expect(amount?.min).toBe(-3);
    expect(amount?.max).toBe(100);
    expectClose(amount?.mean, mean(amounts));
    expectClose(amount?.stddev, sampleStddev(amounts));
    for (const entry of amount?.quantiles ?? [])
      expectClose(entry.value, quantile(amounts, entry.p));

    const region = result.columns.find((column) => column.name === 'region');
    expect(region?.kind).toBe('text');
    expect(region?.nulls).toBe(2);
    expect(region?.topValues[0]).toEqual({ value: 'north', count: 4 });
    expect(result.columns.find((column) => column.name === 'sold_at')?.kind).toBe('time');
    expect(steps.at(-1)).toBe(columns.length + 1);
  });

  it.skipIf(!status.available)('profiles a single row', async () => {
    const columns = await datasetColumns(source, dataset);
    const result = await profileDataset(
      source,
      {
        dataset,
        columns,
        filters: [{ column: 'id', op: '=', value: 7 }],
        probabilities: [0.5],
        topValues: 1,
      },
      async () => {},
    );
    const amount = result.columns.find((column) => column.name === 'amount');
    expect(result.rowCount).toBe(1);
    expect(amount?.mean).toBe(7);
    expect(amount?.stddev).toBeNull();
    expect(amount?.quantiles).toEqual([{ p: 0.5, value: 7 }]);
  });
});

function expectClose(actual: unknown, expected: number | null): void {
  if (expected === null) {
    expect(actual).toBeNull();
    return;
  }
  expect(typeof actual).toBe('number');
  expect(actual as number).toBeCloseTo(expected, 9);
}
