// Database server benchmark: start-up, small-query overhead and memory on a
// huge result. Every figure is measured next to its baseline in the same run.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { silentLogger } from '../shared/logging.ts';
import { parseConnection, SqlEngine } from '../shared/sql/index.ts';
import type { BenchFigure, BenchSection } from './types.ts';

const CLI = fileURLToPath(new URL('../dist/conduit.js', import.meta.url));
const MEMORY_SCRIPT = fileURLToPath(new URL('./database-memory.ts', import.meta.url));
const POSTGRES_URL =
  process.env.CONDUIT_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MYSQL_URL = process.env.CONDUIT_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
const START_RUNS = 11;
const QUERY_RUNS = 2000;
const BIG_QUERY = 'SELECT g, md5(g::text) FROM generate_series(1, 5000000) AS g';

function median(values: number[]): number {
  return percentile(values, 0.5);
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Measures milliseconds from spawn to the tools/list response on stdout. */
function timeToToolsList(dataDir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, 'database', '--log-level', 'warn'], {
      env: { ...process.env, CONDUIT_DATA_DIR: dataDir },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('tools/list response timed out after 10 s'));
    }, 10_000);
    let buffer = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      if (buffer.includes('"id":2')) {
        const elapsed = performance.now() - started;
        clearTimeout(timer);
        child.stdin.end();
        child.once('exit', () => resolve(elapsed));
      }
    });
    const messages = [
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'bench', version: '1' },
        },
      },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} },
    ];
    child.stdin.write(messages.map((message) => JSON.stringify(message)).join('\n') + '\n');
  });
}

function timeSpawn(args: string[]): number {
  const started = performance.now();
  spawnSync(process.execPath, args);
  return performance.now() - started;
}

async function startFigures(): Promise<BenchFigure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'database-bench-'));
  try {
    await timeToToolsList(dataDir);
    const server: number[] = [];
    const cli: number[] = [];
    const node: number[] = [];
    for (let run = 0; run < START_RUNS; run += 1) {
      node.push(timeSpawn(['-e', '0']));
      cli.push(timeSpawn([CLI, '--version']));
      server.push(await timeToToolsList(dataDir));
    }
    return [
      {
        name: 'cold start to the first tools/list response (median)',
        value: round(median(server), 1),
        unit: 'ms',
        baseline: { name: 'node -e 0', value: round(median(node), 1) },
      },
      {
        name: 'conduit --version, the CLI without a server (median)',
        value: round(median(cli), 1),
        unit: 'ms',
        baseline: { name: 'node -e 0', value: round(median(node), 1) },
      },
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface LatencyCase {
  /** Engine name in figure names, such as "PostgreSQL". */
  engineName: string;
  /** The raw driver call measured as the baseline, such as "pg Client.query". */
  driverName: string;
  note: string;
  sql: string;
  engine: SqlEngine;
  rawQuery(sql: string, params: unknown[]): Promise<unknown>;
}

/**
 * Measures the engine layer against the raw driver on the same statement,
 * alternating the two so load on the machine affects both alike.
 */
async function compareLatency(subject: LatencyCase): Promise<BenchFigure[]> {
  const options = { maxRows: 1000, maxBytes: 1024 * 1024, timeoutMs: 15_000 };
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let run = 0; run < 100; run += 1) {
    await subject.engine.readQuery(subject.sql, ['warm'], options);
    await subject.rawQuery(subject.sql, ['warm']);
  }
  for (let run = 0; run < QUERY_RUNS; run += 1) {
    let started = performance.now();
    await subject.engine.readQuery(subject.sql, ['北京'], options);
    ours.push(performance.now() - started);
    started = performance.now();
    await subject.rawQuery(subject.sql, ['北京']);
    theirs.push(performance.now() - started);
  }

  return [
    {
      name: `small ${subject.engineName} query, median`,
      value: round(median(ours)),
      unit: 'ms',
      baseline: { name: `${subject.driverName}, median`, value: round(median(theirs)) },
      note: subject.note,
    },
    {
      name: `small ${subject.engineName} query, p99`,
      value: round(percentile(ours, 0.99)),
      unit: 'ms',
      baseline: { name: `${subject.driverName}, p99`, value: round(percentile(theirs, 0.99)) },
    },
  ];
}

async function latencyFigures(): Promise<BenchFigure[]> {
  const engine = new SqlEngine(parseConnection({ url: POSTGRES_URL }), { logger: silentLogger() });
  const raw = new pg.Client({ connectionString: POSTGRES_URL });
  await raw.connect();
  try {
    return await compareLatency({
      engineName: 'PostgreSQL',
      driverName: 'pg Client.query',
      note: 'engine = read-only transaction + statement timeout + portal read + rollback',
      sql: 'SELECT id, name FROM (VALUES (1, $1::text)) AS t(id, name)',
      engine,
      rawQuery: (sql, params) => raw.query(sql, params),
    });
  } finally {
    await engine.close();
    await raw.end();
  }
}

async function mysqlLatencyFigures(): Promise<BenchFigure[]> {
  const mysql = await import('mysql2/promise');
  const engine = new SqlEngine(parseConnection({ url: MYSQL_URL }), { logger: silentLogger() });
  const raw = await mysql.createConnection(MYSQL_URL);
  try {
    return await compareLatency({
      engineName: 'MariaDB',
      driverName: 'mysql2 query',
      note: 'engine = session read-only + timeout, read-only transaction, query, rollback',
      sql: 'SELECT 1 AS id, ? AS name',
      engine,
      rawQuery: (sql, params) => raw.query(sql, params),
    });
  } finally {
    await engine.close();
    await raw.end();
  }
}

function memoryRun(sql: string): { peakMiB: number; rowCount: number; truncated: boolean } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', MEMORY_SCRIPT, POSTGRES_URL, sql], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (run.status !== 0) throw new Error(`memory run failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as {
    peakMiB: number;
    rowCount: number;
    truncated: boolean;
  };
}

function memoryFigures(): BenchFigure[] {
  const idle = memoryRun('SELECT 1');
  const big = memoryRun(BIG_QUERY);
  return [
    {
      name: 'peak RSS, 5-million-row query under the default caps',
      value: round(big.peakMiB, 1),
      unit: 'MiB',
      baseline: { name: 'peak RSS, SELECT 1 in the same setup', value: round(idle.peakMiB, 1) },
      note: `${big.rowCount} rows kept, truncated: ${big.truncated}`,
    },
  ];
}

export default async function databaseBenchmark(): Promise<BenchSection> {
  const figures = [
    ...(await startFigures()),
    ...(await latencyFigures()),
    ...(await mysqlLatencyFigures()),
    ...memoryFigures(),
  ];
  return {
    title: 'Database server',
    command: 'npm run build && node --import tsx bench/database.ts',
    figures,
    notes: [
      'Start-up spawns the built CLI with the demo database and sends initialize, then tools/list over stdio.',
      `Latency alternates ${QUERY_RUNS} engine reads and ${QUERY_RUNS} raw driver reads of the same statement on one connection each.`,
      'Memory runs each query in a fresh child process and reads its maxRSS.',
    ],
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(await databaseBenchmark(), null, 2));
}
