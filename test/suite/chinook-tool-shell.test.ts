import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runCli, type CliRun } from '../demo/support/run-cli.ts';
import {
  CHINOOK_SKIP_MESSAGE,
  chinookDir,
  dropPostgresDatabase,
  loadChinookIntoPostgres,
} from '../support/chinook.ts';
import { CLI_PATH } from '../support/cli.ts';
import { findService } from '../support/services.ts';

// The main job on real data: a person uses the demo client's tool shell to
// explore Chinook in PostgreSQL with the database and analytics servers.
const postgres = await findService('postgres');
if (!chinookDir)
  process.stderr.write(`skipping the Chinook tool shell test: ${CHINOOK_SKIP_MESSAGE}\n`);

const DATABASE = 'suite_chinook';
const INVOICES_BY_CUSTOMER =
  'SELECT c.country, i.total FROM invoice i JOIN customer c ON c.customer_id = i.customer_id';

/** Parses the JSON results the tool shell printed, in call order. Each block starts and ends with a brace on a line of its own. */
function parseResults(stdout: string): unknown[] {
  const blocks = stdout.match(/^\{$[\s\S]*?^\}$/gm) ?? [];
  return blocks.map((block) => JSON.parse(block) as unknown);
}

function call(tool: string, args: unknown): string {
  return `/call ${tool} ${JSON.stringify(args)}\n`;
}

describe.skipIf(!chinookDir || !postgres.available)('Chinook through the tool shell', () => {
  const folder = mkdtempSync(join(tmpdir(), 'suite-chinook-shell-'));
  const imageDir = join(folder, 'images');
  let run: CliRun;
  const results = () => parseResults(run.stdout);

  beforeAll(async () => {
    const url = loadChinookIntoPostgres(chinookDir!, postgres.url, DATABASE);
    const configPath = join(folder, 'servers.json');
    writeFileSync(
      configPath,
      JSON.stringify({
        mcpServers: {
          database: { command: process.execPath, args: [CLI_PATH, 'database', '--url', url] },
          analytics: { command: process.execPath, args: [CLI_PATH, 'analytics', '--url', url] },
        },
      }),
    );

    const input = [
      call('database__list_tables', {}),
      call('database__query', {
        sql:
          'SELECT c.country, count(*) AS invoices, sum(i.total) AS revenue FROM invoice i ' +
          'JOIN customer c ON c.customer_id = i.customer_id GROUP BY c.country ORDER BY revenue DESC LIMIT 3',
      }),
      call('analytics__profile', { dataset: { sql: INVOICES_BY_CUSTOMER } }),
      call('analytics__aggregate', {
        dataset: { sql: INVOICES_BY_CUSTOMER },
        groupBy: ['country'],
        metrics: [{ fn: 'sum', column: 'total', as: 'revenue' }],
        orderBy: [{ by: 'revenue', direction: 'desc' }],
        limit: 3,
      }),
      call('analytics__chart', {
        dataset: { sql: INVOICES_BY_CUSTOMER },
        type: 'bar',
        x: 'country',
        y: 'total',
        limit: 10,
        title: 'Revenue by country',
      }),
      '/quit\n',
    ].join('');

    run = await runCli(['chat', '--config', configPath, '--image-dir', imageDir], {
      env: cleanEnv(),
      input,
      timeoutMs: 120_000,
    });
  }, 240_000);

  afterAll(() => {
    dropPostgresDatabase(postgres.url, DATABASE);
    rmSync(folder, { recursive: true, force: true });
  });

  it('exits cleanly', () => {
    expect(run.code, run.stderr).toBe(0);
  });

  it('prints one result per call', () => {
    expect(results().length, run.stdout).toBe(5);
  });

  it('lists the Chinook tables', () => {
    const listed = JSON.stringify(results()[0]);
    for (const table of ['invoice', 'invoice_line', 'customer', 'track'])
      expect(listed).toContain(`"${table}"`);
  });

  it('queries a join of invoices and customers', () => {
    const query = results()[1] as { rows: unknown[][]; row_count: number };
    expect(query.row_count).toBe(3);
    expect(query.rows[0]).toEqual(['USA', 91, '523.06']);
  });

  it('profiles every invoice', () => {
    const profile = results()[2] as {
      rowCount: number;
      columns: { name: string; count: number; distinct: number }[];
    };
    expect(profile.rowCount).toBe(412);
    const country = profile.columns.find((column) => column.name === 'country');
    expect(country?.distinct).toBe(24);
  });

  it('aggregates revenue by country', () => {
    const aggregate = results()[3] as { rows: { country: string; revenue: number }[] };
    expect(aggregate.rows[0]).toEqual({ country: 'USA', revenue: 523.06 });
    expect(aggregate.rows[1]).toEqual({ country: 'Canada', revenue: 303.96 });
  });

  it('saves the chart as a PNG', () => {
    const match = /image saved to (\S+\.png)/.exec(run.stdout + run.stderr);
    expect(match, run.stdout + run.stderr).not.toBeNull();
    const header = readFileSync(match![1]!).subarray(0, 8);
    expect(header.toString('hex')).toBe('89504e470d0a1a0a');
  });
});
