// Measures the analytics server's pushdown against fetching rows and
// computing in Node.js, on a generated table of one million rows, plus chart
// rendering. Run alone with: node --import tsx bench/analytics.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { quantileSorted, sampleStandardDeviation } from 'simple-statistics';
import { renderChart } from '../servers/analytics/charts/render.ts';
import { buildSpec } from '../servers/analytics/charts/spec.ts';
import { datasetColumns } from '../servers/analytics/sql/columns.ts';
import { statsSource } from '../servers/analytics/sql/engine.ts';
import { aggregate } from '../servers/analytics/stats/aggregate.ts';
import { resolveMetrics } from '../servers/analytics/stats/metrics.ts';
import { profileDataset } from '../servers/analytics/stats/profile.ts';
import { silentLogger } from '../shared/logging.ts';
import { openSqlEngine, type SqlEngine } from '../shared/sql/index.ts';
import type { BenchFigure, BenchSection } from './types.ts';

const ROWS = 1_000_000;
const CATEGORIES = 20;
const CHART_RUNS = 5;
const PG_DATABASE = 'analytics_bench';

interface Measured<T> {
  value: T;
  milliseconds: number;
  /** Highest heap plus external memory seen while it ran, above where it started, in MiB. */
  peakMiB: number;
}

/** Runs a task while sampling memory every 5 ms, after a collection when --expose-gc is on. */
async function measure<T>(task: () => Promise<T>): Promise<Measured<T>> {
  (globalThis as { gc?: () => void }).gc?.();
  const used = () => {
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.external + usage.arrayBuffers;
  };
  const start = used();
  let peak = start;
  const sampler = setInterval(() => {
    peak = Math.max(peak, used());
  }, 5);
  const began = performance.now();
  try {
    const value = await task();
    peak = Math.max(peak, used());
    return {
      value,
      milliseconds: performance.now() - began,
      peakMiB: (peak - start) / 1024 / 1024,
    };
  } finally {
    clearInterval(sampler);
  }
}

async function createSqliteTable(file: string): Promise<void> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(file);
  db.exec(`
    create table sales (id integer primary key, category text not null, amount real, qty integer, sold_at text);
    insert into sales (id, category, amount, qty, sold_at)
    with recursive n(i) as (select 1 union all select i + 1 from n where i < ${ROWS})
    select i,
           'category ' || (i % ${CATEGORIES}),
           case when i % 97 = 0 then null else ((i * 7919) % 100003) / 100.0 end,
           (i * 31) % 50,
           datetime(1704067200 + (i * 61) % 63072000, 'unixepoch')
    from n;
  `);
  db.close();
}

async function createPostgresTable(url: string): Promise<() => Promise<void>> {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${PG_DATABASE} with (force)`);
  await admin.query(`create database ${PG_DATABASE}`);
  await admin.end();

  const client = new pg.Client({ connectionString: withDatabase(url, PG_DATABASE) });
  await client.connect();
  await client.query(`
    create table sales as
    select i as id,
           'category ' || (i % ${CATEGORIES}) as category,
           case when i % 97 = 0 then null else ((i::bigint * 7919) % 100003) / 100.0 end::float8 as amount,
           (i * 31) % 50 as qty,
           timestamp '2024-01-01' + ((i::bigint * 61) % 63072000) * interval '1 second' as sold_at
    from generate_series(1, ${ROWS}) as i`);
  await client.query('analyze sales');
  await client.end();

  return async () => {
    const cleaner = new pg.Client({ connectionString: url });
    await cleaner.connect();
    await cleaner.query(`drop database if exists ${PG_DATABASE} with (force)`);
    await cleaner.end();
  };
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

type Cell = string | number | boolean | null;

/** Reads every row of the table into memory, as a client without pushdown has to. */
async function fetchAll(sql: SqlEngine): Promise<Cell[][]> {
  const result = await sql.readQuery('select id, category, amount, qty, sold_at from sales', [], {
    maxRows: ROWS + 1,
    maxBytes: 1024 * 1024 * 1024,
    timeoutMs: 120_000,
  });
  return result.rows as Cell[][];
}

/** Computes the profile's statistics for one column in Node.js from fetched values. */
function profileInProcess(values: Cell[], numeric: boolean) {
  const present = values.filter((value) => value !== null);
  const counts = new Map<Cell, number>();
  for (const value of present) counts.set(value, (counts.get(value) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 5);
  if (!numeric) return { count: present.length, distinct: counts.size, top };

  const numbers = present.map(Number);
  const sorted = [...numbers].sort((a, b) => a - b);
  return {
    count: present.length,
    distinct: counts.size,
    top,
    min: sorted[0],
    max: sorted.at(-1),
    mean: numbers.reduce((sum, value) => sum + value, 0) / numbers.length,
    stddev: sampleStandardDeviation(numbers),
    quantiles: [0.05, 0.25, 0.5, 0.75, 0.95].map((p) => quantileSorted(sorted, p)),
  };
}

function ratioFigure(name: string, pushed: number, fetched: number, unit: string): BenchFigure {
  return {
    name,
    value: Number(pushed.toFixed(1)),
    unit,
    baseline: { name: 'fetch rows, compute in Node.js', value: Number(fetched.toFixed(1)) },
  };
}

/** Profiles and aggregates one engine's table both ways and returns the four figures. */
async function compareOnEngine(engine: string, sql: SqlEngine): Promise<BenchFigure[]> {
  const source = await statsSource(sql, { timeoutMs: 120_000 });
  const dataset = { table: 'sales', source: 'database' as const };
  const columns = await datasetColumns(source, dataset);
  const numeric = [true, false, true, true, false];

  const profilePushed = await measure(() =>
    profileDataset(
      source,
      { dataset, columns, filters: [], probabilities: [0.05, 0.25, 0.5, 0.75, 0.95], topValues: 5 },
      async () => {},
    ),
  );
  const profileFetched = await measure(async () => {
    const rows = await fetchAll(sql);
    return numeric.map((isNumber, index) =>
      profileInProcess(
        rows.map((row) => row[index] ?? null),
        isNumber,
      ),
    );
  });

  const metrics = resolveMetrics([
    { fn: 'count' },
    { fn: 'sum', column: 'amount' },
    { fn: 'avg', column: 'amount' },
    { fn: 'median', column: 'amount' },
  ]);
  const aggregatePushed = await measure(() =>
    aggregate(source, {
      dataset,
      columns,
      filters: [],
      groupBy: ['category'],
      metrics,
      orderBy: [],
      limit: 100,
    }),
  );
  const aggregateFetched = await measure(async () => {
    const groups = new Map<string, number[]>();
    for (const row of await fetchAll(sql)) {
      const category = String(row[1]);
      const list = groups.get(category) ?? [];
      if (row[2] !== null) list.push(Number(row[2]));
      groups.set(category, list);
    }
    return [...groups].map(([category, values]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const sum = values.reduce((total, value) => total + value, 0);
      return { category, sum, mean: sum / values.length, median: quantileSorted(sorted, 0.5) };
    });
  });

  const pushedMedian = aggregatePushed.value.rows.find(
    (row) => row.category === 'category 3',
  )?.median_amount;
  const fetchedMedian = aggregateFetched.value.find((row) => row.category === 'category 3')?.median;
  if (typeof pushedMedian !== 'number' || Math.abs(pushedMedian - (fetchedMedian ?? NaN)) > 1e-9) {
    throw new Error(
      `${engine}: pushdown and in-process medians differ: ${pushedMedian} and ${fetchedMedian}`,
    );
  }

  return [
    ratioFigure(
      `${engine}: profile of 5 columns, time`,
      profilePushed.milliseconds,
      profileFetched.milliseconds,
      'ms',
    ),
    ratioFigure(
      `${engine}: profile of 5 columns, peak memory`,
      profilePushed.peakMiB,
      profileFetched.peakMiB,
      'MiB',
    ),
    ratioFigure(
      `${engine}: aggregate into 20 groups, time`,
      aggregatePushed.milliseconds,
      aggregateFetched.milliseconds,
      'ms',
    ),
    ratioFigure(
      `${engine}: aggregate into 20 groups, peak memory`,
      aggregatePushed.peakMiB,
      aggregateFetched.peakMiB,
      'MiB',
    ),
  ];
}

async function chartFigures(): Promise<BenchFigure[]> {
  const bars = Array.from({ length: CATEGORIES }, (_, index) => ({
    category: `城市 ${index}`,
    value: (index + 1) * 1000,
  }));
  const times: number[] = [];
  for (let run = 0; run < CHART_RUNS; run += 1) {
    const began = performance.now();
    await renderChart(
      buildSpec({
        type: 'bar',
        rows: bars,
        x: 'category',
        y: 'value',
        xType: 'nominal',
        title: '销售额 by city',
        xTitle: 'city',
        yTitle: 'revenue',
        width: 640,
        height: 360,
      }),
    );
    times.push(performance.now() - began);
  }
  const later = times.slice(1).sort((a, b) => a - b);
  return [
    {
      name: 'bar chart render (Vega-Lite → SVG → PNG), first call',
      value: Number((times[0] ?? 0).toFixed(1)),
      unit: 'ms',
    },
    {
      name: 'bar chart render, median of later calls',
      value: Number((later[Math.floor(later.length / 2)] ?? 0).toFixed(1)),
      unit: 'ms',
    },
  ];
}

export default async function analyticsBenchmark(): Promise<BenchSection> {
  const figures: BenchFigure[] = [];
  const notes = [
    `Each engine has one table of ${ROWS.toLocaleString('en-US')} rows and 5 columns (id, category, amount, qty, sold_at) with ${CATEGORIES} categories. The profile counts, finds distinct and most frequent values of every column and the mean, standard deviation and 5 quantiles of the numeric ones; the aggregate computes count, sum, mean and median per category. The baseline reads all rows through the same engine layer and computes the same numbers in Node.js.`,
    "Peak memory is the highest V8 heap, external and array-buffer use of this process seen while the step ran (sampled every 5 ms), above the level it started at. It leaves out the database engine's own memory: PostgreSQL runs in its own processes, and SQLite allocates outside V8 (its page cache is about 2 MiB by default and large sorts spill to temporary files).",
    'The first chart call includes loading Vega, Vega-Lite and resvg.',
  ];

  const folder = mkdtempSync(path.join(tmpdir(), 'analytics-bench-'));
  const sqlite = openSqlEngine({
    url: `sqlite://${path.join(folder, 'sales.sqlite')}`,
    env: {},
    logger: silentLogger(),
  });
  try {
    await createSqliteTable(path.join(folder, 'sales.sqlite'));
    figures.push(...(await compareOnEngine('SQLite', sqlite)));
  } finally {
    await sqlite.close();
    rmSync(folder, { recursive: true, force: true });
  }

  const postgresUrl =
    process.env.CONDUIT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  let dropPostgres: (() => Promise<void>) | undefined;
  try {
    dropPostgres = await createPostgresTable(postgresUrl);
  } catch (error) {
    notes.push(
      `PostgreSQL was skipped: ${(error as Error).message}. Set CONDUIT_TEST_POSTGRES_URL to include it.`,
    );
  }
  if (dropPostgres) {
    const postgres = openSqlEngine({
      url: withDatabase(postgresUrl, PG_DATABASE),
      env: {},
      logger: silentLogger(),
    });
    try {
      figures.push(...(await compareOnEngine('PostgreSQL', postgres)));
    } finally {
      await postgres.close();
      await dropPostgres();
    }
  }

  figures.push(...(await chartFigures()));
  return {
    title: 'Analytics: statistics pushed down to the engine against fetching rows',
    command: 'node --expose-gc --import tsx bench/analytics.ts',
    figures,
    notes,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const section = await analyticsBenchmark();
  console.log(JSON.stringify(section, null, 2));
}
