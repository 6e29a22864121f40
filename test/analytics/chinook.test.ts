import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../shared/logging.ts';
import { openSqlEngine, type SqlEngine } from '../../shared/sql/index.ts';
import { findService } from '../support/services.ts';
import { connectAnalytics, type ConnectedClient } from './client.ts';
import { countMarks, pngSize } from './svg.ts';

const folder = process.env.CONDUIT_CHINOOK_DIR;
if (!folder) {
  process.stderr.write(
    'skipping Chinook tests: set CONDUIT_CHINOOK_DIR to the folder with Chinook_Sqlite.sqlite and Chinook_PostgreSql.sql\n',
  );
}
const postgres = folder ? await findService('postgres') : null;
const DATABASE = 'analytics_chinook';

/** Invoices in Chinook 1.4.5 and the sum of their totals. */
const INVOICES = 412;
const TOTAL = 2328.6;

interface Names {
  table: string;
  date: string;
  country: string;
  total: string;
}

const SQLITE_NAMES: Names = {
  table: 'Invoice',
  date: 'InvoiceDate',
  country: 'BillingCountry',
  total: 'Total',
};
const POSTGRES_NAMES: Names = {
  table: 'invoice',
  date: 'invoice_date',
  country: 'billing_country',
  total: 'total',
};

function loadPostgres(url: string): string {
  const script = readFileSync(path.join(folder ?? '', 'Chinook_PostgreSql.sql'), 'utf8')
    .replace(
      'DROP DATABASE IF EXISTS chinook;',
      `DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE);`,
    )
    .replace('CREATE DATABASE chinook;', `CREATE DATABASE ${DATABASE};`)
    .replace('\\c chinook;', `\\c ${DATABASE};`);
  const scratch = mkdtempSync(path.join(tmpdir(), 'analytics-chinook-'));
  const file = path.join(scratch, 'chinook.sql');
  writeFileSync(file, script);
  try {
    execFileSync('psql', ['-v', 'ON_ERROR_STOP=1', '-q', '-d', url, '-f', file], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const parsed = new URL(url);
  parsed.pathname = `/${DATABASE}`;
  return parsed.toString();
}

const cases = [
  { engine: 'sqlite', names: SQLITE_NAMES, available: Boolean(folder) },
  { engine: 'postgres', names: POSTGRES_NAMES, available: Boolean(folder && postgres?.available) },
];

describe.each(cases)('Chinook on $engine', ({ engine, names, available }) => {
  let database: SqlEngine;
  let connected: ConnectedClient;

  beforeAll(async () => {
    if (!available) return;
    const url =
      engine === 'sqlite'
        ? `sqlite://${path.join(folder ?? '', 'Chinook_Sqlite.sqlite')}`
        : loadPostgres(postgres?.url ?? '');
    database = openSqlEngine({ url, env: {}, logger: silentLogger() });
    connected = await connectAnalytics(database);
  }, 120_000);
  afterAll(async () => {
    await connected?.close();
    await database?.close();
    if (engine === 'postgres' && available) {
      execFileSync('psql', [
        '-q',
        '-d',
        postgres?.url ?? '',
        '-c',
        `DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`,
      ]);
    }
  });

  it.skipIf(!available)('sums revenue by country', async () => {
    const result = await connected.call('aggregate', {
      dataset: { table: names.table },
      groupBy: [names.country],
      metrics: [
        { fn: 'sum', column: names.total, as: 'revenue' },
        { fn: 'count', as: 'invoices' },
      ],
      orderBy: [{ by: 'revenue', direction: 'desc' }],
      limit: 100,
    });
    const rows = result.structuredContent?.rows as Record<string, number | string>[];
    const revenue = rows.reduce((sum, row) => sum + Number(row.revenue), 0);
    expect(rows).toHaveLength(24);
    expect(rows[0]?.[names.country]).toBe('USA');
    expect(rows[0]?.revenue).toBeCloseTo(523.06, 6);
    expect(rows.reduce((sum, row) => sum + Number(row.invoices), 0)).toBe(INVOICES);
    expect(revenue).toBeCloseTo(TOTAL, 6);
  });

  it.skipIf(!available)('sums revenue by month', async () => {
    const result = await connected.call('time_series', {
      dataset: { table: names.table },
      timeColumn: names.date,
      interval: 'month',
      metrics: [{ fn: 'sum', column: names.total, as: 'revenue' }],
    });
    const points = result.structuredContent?.points as {
      label: string;
      values: { revenue: number };
    }[];
    expect(points).toHaveLength(60);
    expect(points[0]?.label).toBe('2021-01');
    expect(points.reduce((sum, point) => sum + point.values.revenue, 0)).toBeCloseTo(TOTAL, 6);
  });

  it.skipIf(!available)('charts revenue by country and month', async () => {
    const result = await connected.call('chart', {
      dataset: { table: names.table },
      type: 'line',
      x: names.date,
      y: names.total,
      series: names.country,
      interval: 'month',
      title: 'Revenue by country and month',
    });
    expect(result.isError).toBeFalsy();
    const svg = String(result.structuredContent?.svg);
    expect(countMarks(svg, 'line')).toBe(8);
    expect(result.structuredContent?.points).toBe(8 * 60);
    const image = result.content.find((block) => block.type === 'image');
    expect(pngSize(Buffer.from(image?.data ?? '', 'base64'))).not.toBeNull();
  });
});
