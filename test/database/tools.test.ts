import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../shared/logging.ts';
import { openSqlEngine, type SqlEngine } from '../../shared/sql/index.ts';
import { createDatabaseServer } from '../../servers/database/index.ts';
import { findService } from '../support/services.ts';

const postgres = await findService('postgres');

interface Connected {
  client: Client;
  engine: SqlEngine;
  close(): Promise<void>;
}

const folder = mkdtempSync(join(tmpdir(), 'database-tools-'));
const env = { CONDUIT_DATA_DIR: folder };

interface ConnectOptions {
  url?: string;
  allowWrite?: boolean;
  maxRows?: number;
  maxBytes?: number;
}

async function connect(options: ConnectOptions = {}): Promise<Connected> {
  const engine = openSqlEngine({
    url: options.url,
    env,
    logger: silentLogger(),
    allowWrite: options.allowWrite ?? false,
  });
  const server = createDatabaseServer(
    {
      engine,
      limits: {
        maxRows: options.maxRows ?? 1000,
        maxBytes: options.maxBytes ?? 1024 * 1024,
        timeoutMs: 5000,
      },
    },
    silentLogger(),
  );
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'database-test', version: '1.0.0' });
  await client.connect(clientSide);
  return {
    client,
    engine,
    close: async () => {
      await client.close();
      await server.close();
      await engine.close();
    },
  };
}

function text(result: Awaited<ReturnType<Client['callTool']>>): string {
  const block = (result.content as { type: string; text?: string }[])[0];
  return block?.text ?? '';
}

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('database tools over MCP', () => {
  let connected: Connected;
  let client: Client;

  beforeAll(async () => {
    connected = await connect();
    client = connected.client;
  });

  afterAll(async () => {
    await connected.close();
  });

  it('lists the read-only tools with honest annotations', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual([
      'list_schemas',
      'list_tables',
      'describe_table',
      'sample_rows',
      'query',
      'explain',
    ]);
    for (const tool of tools) {
      expect(tool.annotations).toMatchObject({
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      });
      expect(tool.outputSchema).toBeDefined();
    }
  });

  it('answers revenue by city', async () => {
    const result = await client.callTool({
      name: 'query',
      arguments: {
        sql: 'SELECT city, country_code, ROUND(SUM(revenue), 2) AS revenue FROM order_revenue GROUP BY city, country_code ORDER BY 3 DESC LIMIT 3',
      },
    });
    expect(result.isError).toBeFalsy();
    const structured = result.structuredContent as {
      rows: unknown[][];
      columns: { name: string }[];
      truncated: boolean;
    };
    expect(structured.columns.map((column) => column.name)).toEqual([
      'city',
      'country_code',
      'revenue',
    ]);
    expect(structured.rows[0]?.slice(0, 2)).toEqual(['Shanghai', 'CN']);
    expect(structured.truncated).toBe(false);
    expect(text(result)).toContain('Shanghai\tCN');
  });

  it('binds params', async () => {
    const result = await client.callTool({
      name: 'query',
      arguments: { sql: 'SELECT name_zh FROM products WHERE name_en = ?', params: ['Green Tea'] },
    });
    expect((result.structuredContent as { rows: unknown[][] }).rows).toEqual([['绿茶']]);
  });

  it('marks a capped result as truncated', async () => {
    const result = await client.callTool({
      name: 'query',
      arguments: { sql: 'SELECT * FROM orders', max_rows: 5 },
    });
    expect(result.structuredContent).toMatchObject({
      row_count: 5,
      truncated: true,
      truncated_reason: 'max_rows',
    });
    expect(text(result)).toMatch(/truncated at the row cap/);
  });

  it('reports a write as an error result', async () => {
    const result = await client.callTool({
      name: 'query',
      arguments: { sql: 'DELETE FROM orders' },
    });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/^Error READ_ONLY/);
    expect(text(result)).toMatch(/--allow-write/);
  });

  it('reports two statements as an error result', async () => {
    const result = await client.callTool({
      name: 'query',
      arguments: { sql: 'SELECT 1; SELECT 2' },
    });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/one is allowed per call/);
  });

  it('reports a missing table with the next step', async () => {
    const result = await client.callTool({
      name: 'query',
      arguments: { sql: 'SELECT * FROM nope' },
    });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/no such table: nope/);
    expect(text(result)).toMatch(/list_tables/);
  });

  it('rejects invalid arguments', async () => {
    const result = await client.callTool({ name: 'query', arguments: { sql: '' } });
    expect(result.isError).toBe(true);
  });

  it('pages through tables', async () => {
    const first = await client.callTool({ name: 'list_tables', arguments: { limit: 2 } });
    const page = first.structuredContent as {
      tables: { name: string }[];
      total: number;
      next_cursor: string | null;
    };
    expect(page.tables.map((table) => table.name)).toEqual(['customers', 'demo_info']);
    expect(page.total).toBe(6);
    expect(page.next_cursor).toBe('2');
    const second = await client.callTool({
      name: 'list_tables',
      arguments: { limit: 10, cursor: '2' },
    });
    const rest = second.structuredContent as {
      tables: { name: string }[];
      next_cursor: string | null;
    };
    expect(rest.tables.map((table) => table.name)).toEqual([
      'order_items',
      'order_revenue',
      'orders',
      'products',
    ]);
    expect(rest.next_cursor).toBeNull();
  });

  it('filters tables by name', async () => {
    const result = await client.callTool({ name: 'list_tables', arguments: { filter: 'ORDER' } });
    const names = (result.structuredContent as { tables: { name: string }[] }).tables.map(
      (table) => table.name,
    );
    expect(names).toEqual(['order_items', 'order_revenue', 'orders']);
  });

  it('rejects a bad cursor', async () => {
    const result = await client.callTool({ name: 'list_tables', arguments: { cursor: 'abc' } });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/Invalid cursor "abc"/);
  });

  it('describes a table', async () => {
    const result = await client.callTool({
      name: 'describe_table',
      arguments: { table: 'orders' },
    });
    const table = result.structuredContent as {
      primary_key: string[];
      foreign_keys: { referenced_table: string }[];
    };
    expect(table.primary_key).toEqual(['id']);
    expect(table.foreign_keys.map((key) => key.referenced_table)).toEqual(['customers']);
    expect(text(result)).toMatch(/customer_id: INTEGER, not null/);
  });

  it('samples rows of chosen columns', async () => {
    const result = await client.callTool({
      name: 'sample_rows',
      arguments: { table: 'products', columns: ['name_en', 'name_zh'], limit: 2 },
    });
    expect((result.structuredContent as { rows: unknown[][] }).rows).toEqual([
      ['Green Tea', '绿茶'],
      ['Oolong Tea', '乌龙茶'],
    ]);
  });

  it('reports an unknown sample column', async () => {
    const result = await client.callTool({
      name: 'sample_rows',
      arguments: { table: 'products', columns: ['nope'] },
    });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/no such column/);
  });

  it('explains a query', async () => {
    const result = await client.callTool({
      name: 'explain',
      arguments: { sql: 'SELECT * FROM orders WHERE customer_id = ?', params: [1] },
    });
    expect(text(result)).toMatch(/orders_customer_id/);
  });

  it('rejects explain analyze on SQLite', async () => {
    const result = await client.callTool({
      name: 'explain',
      arguments: { sql: 'SELECT 1', analyze: true },
    });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/^Error UNSUPPORTED/);
  });

  it('lists table resources', async () => {
    const { resources } = await client.listResources();
    expect(resources.map((resource) => resource.uri)).toContain('database://tables/main/orders');
    const read = await client.readResource({ uri: 'database://tables/main/products' });
    const first = read.contents[0] as { text: string };
    expect(JSON.parse(first.text)).toMatchObject({ name: 'products', primary_key: ['id'] });
  });

  it('completes table and column names', async () => {
    const tables = await client.complete({
      ref: { type: 'ref/resource', uri: 'database://tables/{schema}/{table}' },
      argument: { name: 'table', value: 'ord' },
      context: { arguments: { schema: 'main' } },
    });
    expect(tables.completion.values).toEqual(['order_items', 'order_revenue', 'orders']);
    const columns = await client.complete({
      ref: { type: 'ref/prompt', name: 'profile_column' },
      argument: { name: 'column', value: 'city' },
      context: { arguments: { table: 'customers' } },
    });
    expect(columns.completion.values).toEqual(['city', 'city_local']);
  });

  it('offers exploring prompts', async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts.map((prompt) => prompt.name)).toEqual(['explore_database', 'profile_column']);
    const prompt = await client.getPrompt({
      name: 'explore_database',
      arguments: { focus: 'sales' },
    });
    const message = prompt.messages[0]?.content as { text: string };
    expect(message.text).toMatch(/Concentrate on: sales/);
  });
});

describe('database tools with --allow-write', () => {
  it('adds a destructive execute tool', async () => {
    const connected = await connect({ allowWrite: true });
    try {
      const { tools } = await connected.client.listTools();
      const execute = tools.find((tool) => tool.name === 'execute');
      expect(execute?.annotations).toEqual(
        expect.objectContaining({
          readOnlyHint: false,
          destructiveHint: true,
          idempotentHint: false,
        }),
      );
      const created = await connected.client.callTool({
        name: 'execute',
        arguments: { sql: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)' },
      });
      expect(created.isError).toBeFalsy();
      const inserted = await connected.client.callTool({
        name: 'execute',
        arguments: { sql: 'INSERT INTO notes (body) VALUES (?), (?)', params: ['a', 'b'] },
      });
      expect(inserted.structuredContent).toMatchObject({ affected_rows: 2 });
      const read = await connected.client.callTool({
        name: 'query',
        arguments: { sql: 'DELETE FROM notes' },
      });
      expect(read.isError).toBe(true);
    } finally {
      await connected.close();
    }
  });
});

describe('database tools progress', () => {
  it('sends progress for long reads', async () => {
    const connected = await connect({ maxRows: 50_000 });
    try {
      const updates: { progress: number; message?: string }[] = [];
      const result = await connected.client.callTool(
        { name: 'query', arguments: { sql: 'SELECT id FROM order_items' } },
        { onprogress: (progress) => updates.push(progress) },
      );
      expect(result.isError).toBeFalsy();
      const messages = updates.map((update) => update.message);
      expect(messages).toContain('5000 rows read');
      expect(messages).toContain('10000 rows read');
      const values = updates.map((update) => update.progress);
      expect(values).toEqual([...values].sort((a, b) => a - b));
    } finally {
      await connected.close();
    }
  });

  it.skipIf(!postgres.available)('sends progress while a statement runs', async () => {
    const connected = await connect({ url: postgres.url });
    try {
      const messages: (string | undefined)[] = [];
      const result = await connected.client.callTool(
        { name: 'query', arguments: { sql: 'SELECT pg_sleep(2.5)' } },
        { onprogress: (progress) => messages.push(progress.message) },
      );
      expect(result.isError).toBeFalsy();
      expect(messages).toContain('statement running for 2 s');
    } finally {
      await connected.close();
    }
  });
});

describe('database tools without a data folder', () => {
  it('explains that the demo database cannot be created', async () => {
    const blocker = join(folder, 'not-a-folder');
    writeFileSync(blocker, 'a file where the data folder should be');
    const engine = openSqlEngine({ env: { CONDUIT_DATA_DIR: blocker }, logger: silentLogger() });
    const server = createDatabaseServer(
      { engine, limits: { maxRows: 10, maxBytes: 10_000, timeoutMs: 5000 } },
      silentLogger(),
    );
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    const client = new Client({ name: 'database-test', version: '1.0.0' });
    await client.connect(clientSide);
    try {
      const result = await client.callTool({ name: 'list_tables', arguments: {} });
      expect(result.isError).toBe(true);
      expect(text(result)).toMatch(/demo database could not be created/);
      expect(text(result)).toMatch(/CONDUIT_DATA_DIR/);
    } finally {
      await client.close();
      await server.close();
      await engine.close();
    }
  });
});

describe('database tools byte cap', () => {
  it('truncates by bytes', async () => {
    const connected = await connect({ maxBytes: 2000 });
    try {
      const result = await connected.client.callTool({
        name: 'query',
        arguments: { sql: 'SELECT * FROM customers' },
      });
      expect(result.structuredContent).toMatchObject({
        truncated: true,
        truncated_reason: 'max_bytes',
      });
      expect(
        JSON.stringify((result.structuredContent as { rows: unknown }).rows).length,
      ).toBeLessThanOrEqual(2000);
    } finally {
      await connected.close();
    }
  });
});
