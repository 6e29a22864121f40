import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, CLI_PATH, startHttpCli } from '../support/cli.ts';
import { findService } from '../support/services.ts';

const postgres = await findService('postgres');
const mysql = await findService('mysql');
const folder = mkdtempSync(join(tmpdir(), 'database-e2e-'));

interface Engine {
  name: string;
  available: boolean;
  env: Record<string, string>;
  sql: string;
  expected: unknown[][];
}

const engines: Engine[] = [
  {
    name: 'the SQLite demo database',
    available: true,
    env: {},
    sql: "SELECT city_local FROM customers WHERE city = 'Beijing' LIMIT 1",
    expected: [['北京']],
  },
  {
    name: 'PostgreSQL',
    available: postgres.available,
    env: { DATABASE_URL: postgres.url },
    sql: 'SELECT 9007199254740993::int8 AS big, $1::text AS word',
    expected: [['9007199254740993', '你好']],
  },
  {
    name: 'MariaDB',
    available: mysql.available,
    env: { DATABASE_URL: mysql.url },
    sql: 'SELECT CAST(9007199254740993 AS UNSIGNED) AS big, ? AS word',
    expected: [['9007199254740993', '你好']],
  },
];

function paramsFor(engine: Engine): string[] {
  return engine.name.includes('SQLite') ? [] : ['你好'];
}

beforeAll(() => assertBuilt());
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('conduit database over stdio', () => {
  for (const engine of engines) {
    it.skipIf(!engine.available)(`queries ${engine.name}`, async () => {
      // The same shape a host such as Claude Desktop writes into its configuration.
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: [CLI_PATH, 'database', '--log-level', 'warn'],
        env: { PATH: process.env.PATH ?? '', CONDUIT_DATA_DIR: folder, ...engine.env },
        stderr: 'pipe',
      });
      let stderr = '';
      transport.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const client = new Client({ name: 'database-e2e', version: '1.0.0' });
      try {
        await client.connect(transport);
        const { tools } = await client.listTools();
        expect(tools.map((tool) => tool.name)).toContain('query');
        const result = await client.callTool({
          name: 'query',
          arguments: { sql: engine.sql, params: paramsFor(engine) },
        });
        expect(result.isError, stderr).toBeFalsy();
        expect((result.structuredContent as { rows: unknown[][] }).rows).toEqual(engine.expected);
      } finally {
        await client.close();
      }
      expect(stderr).not.toMatch(/"level":(50|60)/);
    });
  }

  it('fails to start with a clear message for a bad URL', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI_PATH, 'database', '--url', 'oracle://user:hunter22@db/x'],
      env: { PATH: process.env.PATH ?? '' },
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const client = new Client({ name: 'database-e2e', version: '1.0.0' });
    await expect(client.connect(transport)).rejects.toThrow();
    expect(stderr).toMatch(/Unsupported database URL scheme/);
    expect(stderr).not.toContain('hunter22');
  });
});

describe('conduit database with discrete variables', () => {
  it.skipIf(!postgres.available)('connects from PG variables', async () => {
    const url = new URL(postgres.url);
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI_PATH, 'database', '--log-level', 'warn'],
      env: {
        PATH: process.env.PATH ?? '',
        PGHOST: url.hostname,
        PGPORT: url.port || '5432',
        PGUSER: decodeURIComponent(url.username),
        PGDATABASE: url.pathname.slice(1),
        PGPASSWORD: decodeURIComponent(url.password),
      },
      stderr: 'ignore',
    });
    const client = new Client({ name: 'database-e2e', version: '1.0.0' });
    try {
      await client.connect(transport);
      const result = await client.callTool({
        name: 'query',
        arguments: { sql: 'SELECT current_database()' },
      });
      expect(result.isError).toBeFalsy();
      expect((result.structuredContent as { rows: unknown[][] }).rows).toEqual([
        [url.pathname.slice(1)],
      ]);
    } finally {
      await client.close();
    }
  });
});

describe('conduit database with an unreachable server', () => {
  it('answers with an error that hides the password', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI_PATH, 'database'],
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: 'postgres://app:s3cretPass@127.0.0.1:1/shop',
      },
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const client = new Client({ name: 'database-e2e', version: '1.0.0' });
    try {
      await client.connect(transport);
      const result = await client.callTool({ name: 'query', arguments: { sql: 'SELECT 1' } });
      expect(result.isError).toBe(true);
      const text = JSON.stringify(result.content);
      expect(text).toMatch(/UNAVAILABLE/);
      expect(text).not.toContain('s3cretPass');
      const again = await client.callTool({ name: 'list_tables', arguments: {} });
      expect(again.isError).toBe(true);
    } finally {
      await client.close();
    }
    expect(stderr).toContain('postgres://app@127.0.0.1:1/shop');
    expect(stderr).not.toContain('s3cretPass');
  });
});

describe('conduit database over HTTP', () => {
  for (const engine of engines) {
    it.skipIf(!engine.available)(`queries ${engine.name}`, async () => {
      const server = await startHttpCli(['database', '--transport', 'http', '--port', '0'], {
        CONDUIT_DATA_DIR: folder,
        ...engine.env,
      });
      const client = new Client({ name: 'database-e2e', version: '1.0.0' });
      try {
        await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`)));
        const result = await client.callTool({
          name: 'query',
          arguments: { sql: engine.sql, params: paramsFor(engine) },
        });
        expect(result.isError, server.log()).toBeFalsy();
        expect((result.structuredContent as { rows: unknown[][] }).rows).toEqual(engine.expected);
        const tables = await client.callTool({ name: 'list_tables', arguments: {} });
        expect(tables.isError, server.log()).toBeFalsy();
        const analyze = !engine.name.includes('SQLite');
        const plan = await client.callTool({
          name: 'explain',
          arguments: { sql: engine.sql, params: paramsFor(engine), analyze },
        });
        expect(plan.isError, JSON.stringify(plan.content)).toBeFalsy();
        expect(plan.structuredContent).toMatchObject({ analyze });
      } finally {
        await client.close();
        await server.stop();
      }
    });
  }
});
