process.env.TZ = 'Asia/Tokyo';

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isToolError } from '../../shared/errors.ts';
import { silentLogger } from '../../shared/logging.ts';
import {
  describeTable,
  listTables,
  parseConnection,
  SqlEngine,
  type ReadOptions,
} from '../../shared/sql/index.ts';
import { runPortalQuery } from '../../shared/sql/read/postgres.ts';
import { RowCollector } from '../../shared/sql/collector.ts';
import { findService } from '../support/services.ts';

const service = await findService('postgres');
const OPTIONS: ReadOptions = { maxRows: 1000, maxBytes: 1024 * 1024, timeoutMs: 5000 };

async function errorOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isToolError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe.skipIf(!service.available)('PostgreSQL engine', () => {
  const admin = new pg.Client({ connectionString: service.url });
  let engine: SqlEngine;
  let writer: SqlEngine;

  const scalar = async (sql: string): Promise<unknown> => (await admin.query(sql)).rows[0]?.value;

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`
      DROP SCHEMA IF EXISTS database_it CASCADE;
      DROP SCHEMA IF EXISTS database_it_other CASCADE;
      CREATE SCHEMA database_it;
      CREATE SCHEMA database_it_other;
      CREATE TABLE database_it.kept (id int PRIMARY KEY, note text);
      INSERT INTO database_it.kept VALUES (1, 'original');
      CREATE SEQUENCE database_it.counter;
      CREATE TABLE database_it.types (
        big int8, num numeric(40, 10), d date, ts timestamp, tstz timestamptz, b bytea,
        i interval, u uuid, j jsonb, t text, arr int8[], f float8, flag boolean
      );
      INSERT INTO database_it.types VALUES (
        9223372036854775807, 12345678901234567890.0123456789, '2024-02-29',
        '2024-02-29 23:30:00', '2024-03-01 00:30:00+09', '\\xdeadbeef', '1 day 02:03:04',
        'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"city": "北京", "n": 1}', '上海 🚀 café',
        '{9007199254740993,2}', 0.1, true
      );
      CREATE TABLE database_it."Mixed Case-Table" ("Order Id" int, "unit price" numeric(8,2));
      INSERT INTO database_it."Mixed Case-Table" VALUES (7, 3.50);
      CREATE TABLE database_it.twin (a int);
      CREATE TABLE database_it_other.twin (b text, c text);
      CREATE TABLE database_it.events (at date NOT NULL, v int) PARTITION BY RANGE (at);
      CREATE TABLE database_it.events_2024 PARTITION OF database_it.events
        FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
      CREATE TABLE database_it.events_2025 PARTITION OF database_it.events
        FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
    `);
    engine = new SqlEngine(parseConnection({ url: service.url }), { logger: silentLogger() });
    writer = new SqlEngine(parseConnection({ url: service.url }), {
      logger: silentLogger(),
      allowWrite: true,
    });
  });

  afterAll(async () => {
    await engine?.close();
    await writer?.close();
    await admin.query(
      'DROP SCHEMA IF EXISTS database_it CASCADE; DROP SCHEMA IF EXISTS database_it_other CASCADE',
    );
    await admin.end();
  });

  it('returns exact values under TZ=Asia/Tokyo', async () => {
    const result = await engine.readQuery('SELECT * FROM database_it.types', [], OPTIONS);
    const row = Object.fromEntries(
      result.columns.map((column, index) => [column.name, result.rows[0]?.[index]]),
    );
    expect(row.big).toBe('9223372036854775807');
    expect(row.num).toBe('12345678901234567890.0123456789');
    expect(row.d).toBe('2024-02-29');
    expect(row.ts).toBe('2024-02-29 23:30:00');
    expect(row.tstz).toMatch(/^2024-02-29T15:30:00\+00:00$|^2024-03-01T00:30:00\+09:00$/);
    expect(row.b).toBe('3q2+7w==');
    expect(row.i).toBe('1 day 02:03:04');
    expect(row.u).toBe('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
    expect(row.j).toEqual({ city: '北京', n: 1 });
    expect(row.t).toBe('上海 🚀 café');
    expect(row.arr).toEqual(['9007199254740993', 2]);
    expect(row.f).toBe(0.1);
    expect(row.flag).toBe(true);
  });

  it('reports column types', async () => {
    const result = await engine.readQuery(
      'SELECT big, num, tstz, j FROM database_it.types',
      [],
      OPTIONS,
    );
    expect(result.columns).toEqual([
      { name: 'big', type: 'int8' },
      { name: 'num', type: 'numeric' },
      { name: 'tstz', type: 'timestamptz' },
      { name: 'j', type: 'jsonb' },
    ]);
  });

  it('keeps duplicate column names apart', async () => {
    const result = await engine.readQuery('SELECT 1 AS x, 2 AS x', [], OPTIONS);
    expect(result.rows).toEqual([[1, 2]]);
  });

  it('binds parameters', async () => {
    const result = await engine.readQuery(
      'SELECT note FROM database_it.kept WHERE id = $1 AND note = $2',
      [1, 'original'],
      OPTIONS,
    );
    expect(result.rows).toEqual([['original']]);
  });

  it('reports missing parameters as invalid', async () => {
    const error = await errorOf(engine.readQuery('SELECT $1::int + $2::int', [1], OPTIONS));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toMatch(/supplies 1 parameters/);
    const next = await engine.readQuery('SELECT 1', [], OPTIONS);
    expect(next.rows).toEqual([[1]]);
  });

  it('rejects two statements', async () => {
    const error = await errorOf(engine.readQuery('SELECT 1; SELECT 2', [], OPTIONS));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toMatch(/2 statements/);
  });

  it('extended protocol rejects a second statement', async () => {
    const knex = await engine.knex();
    const client = (await knex.client.acquireConnection()) as pg.Client;
    try {
      const collector = new RowCollector(10, 10_000);
      await expect(
        runPortalQuery(
          pg,
          client,
          "SELECT 1; UPDATE database_it.kept SET note = 'x'",
          [],
          collector,
        ),
      ).rejects.toThrow(/cannot insert multiple commands/);
      const after = await client.query('SELECT 1 AS one');
      expect(after.rows).toEqual([{ one: 1 }]);
    } finally {
      await knex.client.releaseConnection(client);
    }
  });

  const bypasses: [string, string][] = [
    ['writable CTE', 'WITH gone AS (DELETE FROM database_it.kept RETURNING *) SELECT * FROM gone'],
    ['plain update', "UPDATE database_it.kept SET note = 'changed'"],
    ['nextval', "SELECT nextval('database_it.counter')"],
    ['DDL', 'CREATE TABLE database_it.created (a int)'],
    ['drop', 'DROP TABLE database_it.kept'],
  ];
  for (const [name, sql] of bypasses) {
    it(`blocks a write by ${name}`, async () => {
      const error = await errorOf(engine.readQuery(sql, [], OPTIONS));
      expect(error.code).toBe('READ_ONLY');
      expect(await scalar('SELECT note AS value FROM database_it.kept WHERE id = 1')).toBe(
        'original',
      );
    });
  }

  it('keeps read-only after COMMIT and session changes', async () => {
    await engine.readQuery('COMMIT', [], OPTIONS);
    await engine.readQuery('SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE', [], OPTIONS);
    await engine.readQuery(
      "SELECT set_config('default_transaction_read_only', 'off', false)",
      [],
      OPTIONS,
    );
    const error = await errorOf(
      engine.readQuery("UPDATE database_it.kept SET note = 'changed'", [], OPTIONS),
    );
    expect(error.code).toBe('READ_ONLY');
    expect(await scalar('SELECT note AS value FROM database_it.kept WHERE id = 1')).toBe(
      'original',
    );
  });

  it('rejects DO blocks in read-only mode', async () => {
    const sql = "DO $$ BEGIN RAISE EXCEPTION '%', pg_read_file('/etc/hostname'); END $$";
    const error = await errorOf(engine.readQuery(sql, [], OPTIONS));
    expect(error.code).toBe('PERMISSION_DENIED');
    expect(error.message).toMatch(/DO blocks/);
  });

  it('runs DO blocks with execute', async () => {
    await writer.execute(
      'DO $$ BEGIN UPDATE database_it.kept SET note = note WHERE id = 1; END $$',
      [],
      OPTIONS,
    );
    expect(await scalar('SELECT note AS value FROM database_it.kept WHERE id = 1')).toBe(
      'original',
    );
  });

  it('rejects server file functions', async () => {
    const error = await errorOf(
      engine.readQuery("SELECT pg_read_file('/etc/hostname')", [], OPTIONS),
    );
    expect(error.code).toBe('PERMISSION_DENIED');
    const copy = await errorOf(
      engine.readQuery("COPY database_it.kept TO '/tmp/database_it.csv'", [], OPTIONS),
    );
    expect(copy.code).toBe('PERMISSION_DENIED');
  });

  it('cancels a runaway query on the server', async () => {
    const error = await errorOf(
      engine.readQuery('SELECT pg_sleep(30)', [], { ...OPTIONS, timeoutMs: 300 }),
    );
    expect(error.code).toBe('TIMEOUT');
    const running = await scalar(
      "SELECT count(*)::int AS value FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(30)' AND state = 'active'",
    );
    expect(running).toBe(0);
    const next = await engine.readQuery('SELECT 1 AS one', [], OPTIONS);
    expect(next.rows).toEqual([[1]]);
  });

  it('cancels when the signal aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const error = await errorOf(
      engine.readQuery('SELECT pg_sleep(30)', [], { ...OPTIONS, signal: controller.signal }),
    );
    expect(error.code).toBe('CANCELLED');
    const next = await engine.readQuery('SELECT 2 AS two', [], OPTIONS);
    expect(next.rows).toEqual([[2]]);
  });

  it('recovers from a killed connection', async () => {
    const before = await engine.readQuery('SELECT pg_backend_pid()', [], OPTIONS);
    const pid = before.rows[0]?.[0];
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    const after = await engine.readQuery('SELECT pg_backend_pid()', [], OPTIONS);
    expect(after.rows[0]?.[0]).not.toBe(pid);
  });

  it('caps 5 million rows by rows', async () => {
    const result = await engine.readQuery(
      'SELECT g, md5(g::text) FROM generate_series(1, 5000000) AS g',
      [],
      { ...OPTIONS, timeoutMs: 60_000 },
    );
    expect(result.truncated).toBe(true);
    expect(result.truncatedReason).toBe('max_rows');
    expect(result.rowCount).toBe(1000);
  });

  it('caps 5 million rows by bytes', async () => {
    const result = await engine.readQuery(
      'SELECT g, md5(g::text) FROM generate_series(1, 5000000) AS g',
      [],
      { maxRows: 10_000_000, maxBytes: 64 * 1024, timeoutMs: 60_000 },
    );
    expect(result.truncatedReason).toBe('max_bytes');
    expect(result.bytes).toBeLessThanOrEqual(64 * 1024);
    expect(JSON.stringify(result.rows).length).toBeLessThanOrEqual(64 * 1024);
  });

  it('marks a complete result as not truncated', async () => {
    const result = await engine.readQuery(
      'SELECT g FROM generate_series(1, 1000) AS g',
      [],
      OPTIONS,
    );
    expect(result.truncated).toBe(false);
    expect(result.rowCount).toBe(1000);
  });

  it('reads quoted identifiers', async () => {
    const table = await describeTable(engine, 'Mixed Case-Table', 'database_it');
    expect(table.columns.map((column) => column.name)).toEqual(['Order Id', 'unit price']);
    const knex = await engine.knex();
    const statement = knex
      .withSchema('database_it')
      .select(['Order Id', 'unit price'])
      .from('Mixed Case-Table')
      .toSQL()
      .toNative();
    const result = await engine.readQuery(statement.sql, statement.bindings, OPTIONS);
    expect(result.rows).toEqual([[7, '3.50']]);
  });

  it('never merges same-named tables', async () => {
    const error = await errorOf(describeTable(engine, 'twin'));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toMatch(/database_it", "database_it_other"/);
    const other = await describeTable(engine, 'twin', 'database_it_other');
    expect(other.columns.map((column) => column.name)).toEqual(['b', 'c']);
  });

  it('folds partitions under their parent', async () => {
    const page = await listTables(engine, {
      schema: 'database_it',
      filter: 'events',
      limit: 10,
      offset: 0,
    });
    expect(page.tables.map((table) => table.name)).toEqual(['events']);
    expect(page.tables[0]?.kind).toBe('partitioned table');
    expect(page.tables[0]?.partitionCount).toBe(2);
  });

  it('describes keys and indexes', async () => {
    const table = await describeTable(engine, 'kept', 'database_it');
    expect(table.primaryKey).toEqual(['id']);
    expect(table.indexes[0]).toMatchObject({ name: 'kept_pkey', columns: ['id'], primary: true });
  });

  it('refuses execute without allowWrite', async () => {
    const error = await errorOf(engine.execute('SELECT 1', [], OPTIONS));
    expect(error.code).toBe('READ_ONLY');
  });

  it('writes with execute and returns rows', async () => {
    const outcome = await writer.execute(
      'INSERT INTO database_it.kept VALUES ($1, $2) RETURNING id',
      [2, 'added'],
      OPTIONS,
    );
    expect(outcome.result?.rows).toEqual([[2]]);
    const update = await writer.execute(
      "UPDATE database_it.kept SET note = 'x' WHERE id = 2",
      [],
      OPTIONS,
    );
    expect(update.affectedRows).toBe(1);
    expect(await scalar('SELECT note AS value FROM database_it.kept WHERE id = 2')).toBe('x');
  });

  it('keeps reads read-only on a writable engine', async () => {
    const error = await errorOf(writer.readQuery('DELETE FROM database_it.kept', [], OPTIONS));
    expect(error.code).toBe('READ_ONLY');
  });
});
