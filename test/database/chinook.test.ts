import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropPostgresDatabase, loadChinookIntoPostgres } from '../support/chinook.ts';
import { assertBuilt, CLI_PATH, startHttpCli, type StartedHttpServer } from '../support/cli.ts';
import { findService } from '../support/services.ts';

/** Folder with Chinook_PostgreSql.sql and Chinook_Sqlite.sqlite; the suite is skipped without it. */
const chinookDir = process.env.CONDUIT_CHINOOK_DIR;
if (!chinookDir) {
  process.stderr.write(
    'skipping Chinook tests: set CONDUIT_CHINOOK_DIR to the Chinook dataset folder\n',
  );
}
const postgres = await findService('postgres');
const DATABASE = 'database_chinook';

interface Rows {
  rows: unknown[][];
}

async function call(client: Client, name: string, args: Record<string, unknown>) {
  const result = await client.callTool({ name, arguments: args });
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  return result.structuredContent as Record<string, unknown>;
}

describe.skipIf(!chinookDir)('Chinook on SQLite over stdio', () => {
  const folder = mkdtempSync(join(tmpdir(), 'database-chinook-'));
  const file = join(folder, 'Chinook.sqlite');
  const client = new Client({ name: 'chinook-explorer', version: '1.0.0' });

  beforeAll(async () => {
    assertBuilt();
    copyFileSync(join(chinookDir!, 'Chinook_Sqlite.sqlite'), file);
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [CLI_PATH, 'database', '--url', `sqlite://${file}`],
        env: { PATH: process.env.PATH ?? '' },
        stderr: 'ignore',
      }),
    );
  });

  afterAll(async () => {
    await client.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('lists the eleven tables', async () => {
    const page = (await call(client, 'list_tables', {})) as { tables: { name: string }[] };
    expect(page.tables.map((table) => table.name)).toEqual([
      'Album',
      'Artist',
      'Customer',
      'Employee',
      'Genre',
      'Invoice',
      'InvoiceLine',
      'MediaType',
      'Playlist',
      'PlaylistTrack',
      'Track',
    ]);
  });

  it('describes the invoice lines', async () => {
    const table = (await call(client, 'describe_table', { table: 'InvoiceLine' })) as {
      foreign_keys: { referenced_table: string }[];
    };
    expect(table.foreign_keys.map((key) => key.referenced_table).sort()).toEqual([
      'Invoice',
      'Track',
    ]);
  });

  it('sums the invoices', async () => {
    const result = (await call(client, 'query', {
      sql: 'SELECT COUNT(*), ROUND(SUM(Total), 2) FROM Invoice',
    })) as unknown as Rows;
    expect(result.rows).toEqual([[412, 2328.6]]);
  });

  it('samples tracks', async () => {
    const result = (await call(client, 'sample_rows', {
      table: 'Track',
      limit: 3,
    })) as unknown as Rows;
    expect(result.rows).toHaveLength(3);
  });
});

describe.skipIf(!chinookDir || !postgres.available)('Chinook on PostgreSQL over HTTP', () => {
  let server: StartedHttpServer;
  const client = new Client({ name: 'chinook-explorer', version: '1.0.0' });

  beforeAll(async () => {
    assertBuilt();
    const databaseUrl = loadChinookIntoPostgres(chinookDir!, postgres.url, DATABASE);
    server = await startHttpCli([
      'database',
      '--transport',
      'http',
      '--port',
      '0',
      '--url',
      databaseUrl,
    ]);
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`)));
  }, 120_000);

  afterAll(async () => {
    await client.close();
    await server?.stop();
    dropPostgresDatabase(postgres.url, DATABASE);
  });

  it('lists the eleven tables', async () => {
    const page = (await call(client, 'list_tables', { schema: 'public' })) as { total: number };
    expect(page.total).toBe(11);
  });

  it('describes the invoice lines', async () => {
    const table = (await call(client, 'describe_table', { table: 'invoice_line' })) as {
      primary_key: string[];
      foreign_keys: { referenced_table: string }[];
    };
    expect(table.primary_key).toEqual(['invoice_line_id']);
    expect(table.foreign_keys.map((key) => key.referenced_table).sort()).toEqual([
      'invoice',
      'track',
    ]);
  });

  it('sums the invoices exactly', async () => {
    const result = (await call(client, 'query', {
      sql: 'SELECT COUNT(*), SUM(total) FROM invoice',
    })) as unknown as Rows;
    expect(result.rows).toEqual([[412, '2328.60']]);
  });

  it('counts lines and tracks', async () => {
    const result = (await call(client, 'query', {
      sql: 'SELECT (SELECT COUNT(*) FROM invoice_line), (SELECT COUNT(*) FROM track)',
    })) as unknown as Rows;
    expect(result.rows).toEqual([[2240, 3503]]);
  });

  it('ranks genres by sales with a parameter', async () => {
    const result = (await call(client, 'query', {
      sql: `SELECT g.name, SUM(il.unit_price * il.quantity) AS sales
            FROM invoice_line il JOIN track t ON t.track_id = il.track_id
            JOIN genre g ON g.genre_id = t.genre_id
            GROUP BY g.name ORDER BY sales DESC LIMIT $1`,
      params: [3],
    })) as unknown as Rows;
    expect(result.rows[0]?.[0]).toBe('Rock');
    expect(result.rows).toHaveLength(3);
  });

  it('explains with analyze', async () => {
    const result = (await call(client, 'explain', {
      sql: 'SELECT * FROM invoice WHERE customer_id = $1',
      params: [1],
      analyze: true,
    })) as { plan: unknown };
    expect(JSON.stringify(result.plan)).toMatch(/Actual Total Time/);
  });
});
