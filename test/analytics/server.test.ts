import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsDeps } from '../../servers/analytics/context.ts';
import { createAnalyticsServer } from '../../servers/analytics/server.ts';
import { Workspace } from '../../servers/analytics/workspace.ts';
import { silentLogger } from '../../shared/logging.ts';
import { testEngines } from './engines.ts';
import { mean, present, quantile } from './reference.ts';
import { createSales, SALES } from './sales-fixture.ts';
import { countMarks, pngSize, svgTexts } from './svg.ts';

const engines = (await testEngines()).filter((engine) => !engine.label.includes('without'));
const sales = { table: 'sales' };

interface ToolResult {
  isError?: boolean;
  content: { type: string; text?: string; data?: string; mimeType?: string }[];
  structuredContent?: Record<string, unknown>;
}

describe.each(engines)('analytics tools on $label', ({ label, status, open }) => {
  let client: Client;
  let close: () => Promise<void>;
  let dataDir: string;

  beforeAll(async () => {
    if (!status.available) return;
    const opened = await open(`analytics_tools_${label}`, createSales);
    dataDir = mkdtempSync(path.join(tmpdir(), 'analytics-import-'));
    const workspace = new Workspace(silentLogger());
    const deps: AnalyticsDeps = {
      database: opened.source.sql,
      workspace,
      dataDirs: [dataDir],
      limits: { timeoutMs: 20_000, maxRows: 1000, maxImportBytes: 1024 * 1024 },
      logger: silentLogger(),
    };
    const server = createAnalyticsServer(deps);
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    await server.connect(serverTransport);
    client = new Client({ name: 'analytics-test', version: '1.0.0' });
    await client.connect(clientTransport);
    close = async () => {
      await client.close();
      await workspace.close();
      await opened.close();
      rmSync(dataDir, { recursive: true, force: true });
    };
  });
  afterAll(async () => {
    await close?.();
  });

  async function call(name: string, args: Record<string, unknown>): Promise<ToolResult> {
    return (await client.callTool({ name, arguments: args })) as ToolResult;
  }

  it.skipIf(!status.available)('lists the fixture table', async () => {
    const result = await call('list_datasets', {});
    expect(result.isError).toBeFalsy();
    const datasets = result.structuredContent?.datasets as { table: string }[];
    expect(datasets.map((entry) => entry.table)).toContain('sales');
  });

  it.skipIf(!status.available)('annotates every tool', async () => {
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(10);
    for (const tool of tools) {
      expect(tool.outputSchema, tool.name).toBeDefined();
      expect(typeof tool.annotations?.readOnlyHint, tool.name).toBe('boolean');
      expect(typeof tool.annotations?.openWorldHint, tool.name).toBe('boolean');
    }
  });

  it.skipIf(!status.available)('profiles through the client', async () => {
    const result = await call('profile', { dataset: sales, columns: ['amount'], quantiles: [0.5] });
    const [amount] = result.structuredContent?.columns as {
      mean: number;
      quantiles: { value: number }[];
    }[];
    const amounts = present(SALES.map((row) => row.amount));
    expect(amount?.mean).toBeCloseTo(mean(amounts)!, 9);
    expect(amount?.quantiles[0]?.value).toBeCloseTo(quantile(amounts, 0.5)!, 9);
  });

  it.skipIf(!status.available)('aggregates with a median', async () => {
    const result = await call('aggregate', {
      dataset: sales,
      groupBy: ['region'],
      metrics: [{ fn: 'median', column: 'amount', as: 'median' }],
      filters: [{ column: 'region', op: '=', value: '北京' }],
    });
    expect(result.structuredContent?.rows).toEqual([{ region: '北京', median: 10 }]);
    expect(result.content[0]?.text).toContain('北京');
  });

  it.skipIf(!status.available)('runs the remaining statistics', async () => {
    const series = await call('time_series', {
      dataset: sales,
      timeColumn: 'sold_at',
      metrics: [{ fn: 'count' }],
    });
    expect((series.structuredContent?.points as unknown[]).length).toBe(6);
    const correlate = await call('correlate', { dataset: sales, columns: ['amount', 'qty'] });
    expect((correlate.structuredContent?.pearson as number[][])[0]?.[0]).toBe(1);
    const regress = await call('regress', { dataset: sales, x: 'qty', y: 'amount' });
    const pairs = SALES.filter((row) => row.amount !== null && row.qty !== null);
    expect(regress.structuredContent?.n).toBe(pairs.length);
    const outliers = await call('detect_outliers', { dataset: sales, column: 'amount' });
    expect(outliers.structuredContent?.above).toBe(1);
    const histogram = await call('histogram', { dataset: sales, column: 'qty', bins: 3 });
    const bins = histogram.structuredContent?.bins as { count: number }[];
    const quantities = present(SALES.map((row) => row.qty));
    expect(bins.reduce((total, bin) => total + bin.count, 0)).toBe(quantities.length);
  });

  it.skipIf(!status.available)('draws a bar chart', async () => {
    const result = await call('chart', {
      dataset: sales,
      type: 'bar',
      x: 'region',
      y: 'amount',
      title: '地区销售额',
    });
    expect(result.isError).toBeFalsy();
    const image = result.content.find((block) => block.type === 'image');
    const png = Buffer.from(image?.data ?? '', 'base64');
    expect(image?.mimeType).toBe('image/png');
    expect(pngSize(png)).toEqual({
      width: (result.structuredContent?.png as { width: number }).width,
      height: (result.structuredContent?.png as { height: number }).height,
    });
    const svg = String(result.structuredContent?.svg);
    expect(svg.startsWith('<svg')).toBe(true);
    // A region whose amounts are all null has a null sum and so no bar.
    const withAmounts = new Set(
      SALES.filter((row) => row.amount !== null).map((row) => row.region),
    );
    expect(countMarks(svg, 'rect')).toBe(withAmounts.size);
    expect(svgTexts(svg)).toEqual(
      expect.arrayContaining(['地区销售额', '北京', 'São Paulo', '(null)']),
    );
  });

  it.skipIf(!status.available)('rejects an unknown column', async () => {
    const result = await call('aggregate', { dataset: sales, groupBy: ['regio'] });
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toContain('"regio"');
    expect(result.content[0]?.text).toContain('region');
  });

  it.skipIf(!status.available)('accepts a SELECT dataset', async () => {
    const result = await call('aggregate', {
      dataset: { sql: 'select region, amount from sales where amount > 10 -- large sales\n' },
      metrics: [{ fn: 'count' }, { fn: 'max', column: 'amount' }],
    });
    const large = SALES.filter((row) => (row.amount ?? 0) > 10);
    expect(result.structuredContent?.rows).toEqual([{ count: large.length, max_amount: 100 }]);
  });

  it.skipIf(!status.available)('rejects a writing SELECT', async () => {
    const result = await call('profile', { dataset: { sql: 'delete from sales' } });
    expect(result.isError).toBe(true);
    const count = await call('aggregate', { dataset: sales });
    expect(count.structuredContent?.rows).toEqual([{ count: SALES.length }]);
  });

  it.skipIf(!status.available)('imports a CSV into the workspace', async () => {
    const file = path.join(dataDir, 'cities.csv');
    writeFileSync(
      file,
      'city,sales,opened\n北京,10,2024-01-05\nParis,2.5,2024-02-01\nParis,,2024-02-03\n',
    );
    const imported = await call('import_file', { path: 'cities.csv' });
    expect(imported.isError).toBeFalsy();
    expect(imported.structuredContent?.columns).toEqual([
      { name: 'city', type: 'TEXT' },
      { name: 'sales', type: 'REAL' },
      { name: 'opened', type: 'DATETIME' },
    ]);
    const result = await call('aggregate', {
      dataset: { table: 'cities', source: 'workspace' },
      groupBy: ['city'],
      metrics: [{ fn: 'sum', column: 'sales' }, { fn: 'count' }],
      orderBy: [{ by: 'city', direction: 'asc' }],
    });
    expect(result.structuredContent?.rows).toEqual([
      { city: 'Paris', sum_sales: 2.5, count: 2 },
      { city: '北京', sum_sales: 10, count: 1 },
    ]);
  });

  it.skipIf(!status.available)('rejects a path outside the data folder', async () => {
    const result = await call('import_file', { path: '/etc/hostname', format: 'csv' });
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toContain('PERMISSION_DENIED');
  });
});
