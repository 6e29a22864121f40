process.env.TZ = 'Asia/Tokyo';

import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isToolError } from '../../shared/errors.ts';
import { silentLogger } from '../../shared/logging.ts';
import {
  describeTable,
  parseConnection,
  SqlEngine,
  type ReadOptions,
} from '../../shared/sql/index.ts';
import { findService } from '../support/services.ts';

const service = await findService('mysql');
const OPTIONS: ReadOptions = { maxRows: 1000, maxBytes: 1024 * 1024, timeoutMs: 5000 };
const DATABASE = 'database_it';
const OTHER = 'database_it_other';

async function errorOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isToolError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected the call to fail');
}

function urlFor(database: string): string {
  const url = new URL(service.url);
  url.pathname = `/${database}`;
  return url.toString();
}

describe.skipIf(!service.available)('MariaDB engine', () => {
  let admin: SqlEngine;
  let engine: SqlEngine;
  let writer: SqlEngine;

  const run = (sql: string) => admin.execute(sql, [], OPTIONS);
  const tables = async () =>
    (await admin.readQuery(`SHOW TABLES FROM ${DATABASE}`, [], OPTIONS)).rows.map((row) => row[0]);
  const note = async () =>
    (await admin.readQuery(`SELECT note FROM ${DATABASE}.kept WHERE id = 1`, [], OPTIONS))
      .rows[0]?.[0];

  beforeAll(async () => {
    admin = new SqlEngine(parseConnection({ url: service.url }), {
      logger: silentLogger(),
      allowWrite: true,
    });
    for (const sql of [
      `DROP DATABASE IF EXISTS ${DATABASE}`,
      `DROP DATABASE IF EXISTS ${OTHER}`,
      `CREATE DATABASE ${DATABASE} CHARACTER SET utf8mb4`,
      `CREATE DATABASE ${OTHER} CHARACTER SET utf8mb4`,
      `CREATE TABLE ${DATABASE}.kept (id INT PRIMARY KEY, note VARCHAR(50))`,
      `INSERT INTO ${DATABASE}.kept VALUES (1, 'original')`,
      `CREATE TABLE ${DATABASE}.types (
         big BIGINT, ubig BIGINT UNSIGNED, num DECIMAL(40, 10), d DATE, dt DATETIME(3), ts TIMESTAMP NULL,
         b VARBINARY(8), j JSON, t VARCHAR(50), f DOUBLE, tm TIME, bits BIT(8))`,
      `INSERT INTO ${DATABASE}.types VALUES (
         9223372036854775807, 18446744073709551615, 12345678901234567890.0123456789, '2024-02-29',
         '2024-02-29 23:30:00.125', '2024-02-29 15:30:00', x'deadbeef', '{"city": "北京"}',
         '上海 🚀 café', 0.1, '838:59:59', b'10100101')`,
      'CREATE TABLE `' +
        DATABASE +
        '`.`Mixed Case-Table` (`Order Id` INT, `unit price` DECIMAL(8,2))',
      'INSERT INTO `' + DATABASE + '`.`Mixed Case-Table` VALUES (7, 3.50)',
      `CREATE TABLE ${DATABASE}.twin (a INT)`,
      `CREATE TABLE ${OTHER}.twin (b TEXT, c TEXT)`,
    ]) {
      await run(sql);
    }
    engine = new SqlEngine(parseConnection({ url: urlFor(DATABASE) }), { logger: silentLogger() });
    writer = new SqlEngine(parseConnection({ url: urlFor(DATABASE) }), {
      logger: silentLogger(),
      allowWrite: true,
    });
  });

  afterAll(async () => {
    await engine?.close();
    await writer?.close();
    if (admin) {
      await run(`DROP DATABASE IF EXISTS ${DATABASE}`);
      await run(`DROP DATABASE IF EXISTS ${OTHER}`);
      await admin.close();
    }
  });

  it('returns exact values under TZ=Asia/Tokyo', async () => {
    const result = await engine.readQuery('SELECT * FROM types', [], OPTIONS);
    const row = Object.fromEntries(
      result.columns.map((column, index) => [column.name, result.rows[0]?.[index]]),
    );
    expect(row.big).toBe('9223372036854775807');
    expect(row.ubig).toBe('18446744073709551615');
    expect(row.num).toBe('12345678901234567890.0123456789');
    expect(row.d).toBe('2024-02-29');
    expect(row.dt).toBe('2024-02-29 23:30:00.125');
    expect(row.ts).toBe('2024-02-29 15:30:00');
    expect(row.b).toBe('3q2+7w==');
    expect(row.t).toBe('上海 🚀 café');
    expect(row.f).toBe(0.1);
    expect(row.tm).toBe('838:59:59');
    expect(row.bits).toBe('pQ==');
  });

  it('returns JSON values', async () => {
    const result = await engine.readQuery(
      `SELECT JSON_OBJECT('n', 1, 'city', '北京') AS j`,
      [],
      OPTIONS,
    );
    const value = result.rows[0]?.[0];
    const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
    expect(parsed).toEqual({ n: 1, city: '北京' });
  });

  it('binds parameters', async () => {
    const result = await engine.readQuery(
      'SELECT note FROM kept WHERE id = ? AND note = ?',
      [1, 'original'],
      OPTIONS,
    );
    expect(result.rows).toEqual([['original']]);
  });

  it('reports missing parameters as invalid', async () => {
    const error = await errorOf(engine.readQuery('SELECT ? + ?', [1], OPTIONS));
    expect(error.code).toBe('INVALID_ARGUMENT');
  });

  it('rejects two statements', async () => {
    const error = await errorOf(engine.readQuery('SELECT 1; DROP TABLE kept', [], OPTIONS));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(await tables()).toContain('kept');
  });

  const bypasses: [string, string][] = [
    ['DDL with an implicit commit', 'CREATE TABLE created (a INT)'],
    ['drop', 'DROP TABLE kept'],
    ['update', "UPDATE kept SET note = 'changed'"],
    ['a versioned comment', "/*!50000 UPDATE kept SET note = 'changed' */"],
    ['a versioned comment drop', '/*!50000 DROP TABLE kept */'],
    ['rename', 'RENAME TABLE kept TO renamed'],
  ];
  for (const [name, sql] of bypasses) {
    it(`blocks a write by ${name}`, async () => {
      const error = await errorOf(engine.readQuery(sql, [], OPTIONS));
      expect(error.code).toBe('READ_ONLY');
      expect(await tables()).toEqual(expect.arrayContaining(['kept']));
      expect(await tables()).not.toContain('created');
      expect(await note()).toBe('original');
    });
  }

  it('keeps read-only after session changes', async () => {
    await engine.readQuery('SET SESSION TRANSACTION READ WRITE', [], OPTIONS);
    await engine.readQuery('COMMIT', [], OPTIONS);
    const error = await errorOf(engine.readQuery('CREATE TABLE created (a INT)', [], OPTIONS));
    expect(error.code).toBe('READ_ONLY');
    expect(await tables()).not.toContain('created');
  });

  it('rejects server file access', async () => {
    const load = await errorOf(engine.readQuery("SELECT LOAD_FILE('/etc/hostname')", [], OPTIONS));
    expect(load.code).toBe('PERMISSION_DENIED');
    const outfile = await errorOf(
      engine.readQuery("SELECT * FROM kept INTO OUTFILE '/tmp/database_it_out.txt'", [], OPTIONS),
    );
    expect(outfile.code).toBe('PERMISSION_DENIED');
    expect(existsSync('/tmp/database_it_out.txt')).toBe(false);
  });

  it('stops a runaway query', async () => {
    const error = await errorOf(
      engine.readQuery('SELECT SLEEP(30)', [], { ...OPTIONS, timeoutMs: 300 }),
    );
    expect(error.code).toBe('TIMEOUT');
    const next = await engine.readQuery('SELECT 1 AS one', [], OPTIONS);
    expect(next.rows).toEqual([[1]]);
  });

  it('cancels when the signal aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const error = await errorOf(
      engine.readQuery('SELECT SLEEP(30)', [], { ...OPTIONS, signal: controller.signal }),
    );
    expect(error.code).toBe('CANCELLED');
    const running = await admin.readQuery(
      "SELECT COUNT(*) FROM information_schema.processlist WHERE info = 'SELECT SLEEP(30)'",
      [],
      OPTIONS,
    );
    expect(running.rows).toEqual([[0]]);
  });

  it('recovers from a killed connection', async () => {
    const before = await engine.readQuery('SELECT CONNECTION_ID()', [], OPTIONS);
    const id = Number(before.rows[0]?.[0]);
    await run(`KILL ${id}`);
    const after = await engine.readQuery('SELECT CONNECTION_ID()', [], OPTIONS);
    expect(after.rows[0]?.[0]).not.toBe(id);
  });

  it('caps 5 million rows by rows', async () => {
    const result = await engine.readQuery('SELECT seq, MD5(seq) FROM seq_1_to_5000000', [], {
      ...OPTIONS,
      timeoutMs: 60_000,
    });
    expect(result.truncated).toBe(true);
    expect(result.truncatedReason).toBe('max_rows');
    expect(result.rowCount).toBe(1000);
    const next = await engine.readQuery('SELECT 1', [], OPTIONS);
    expect(next.rows).toEqual([[1]]);
  });

  it('caps 5 million rows by bytes', async () => {
    const result = await engine.readQuery('SELECT seq, MD5(seq) FROM seq_1_to_5000000', [], {
      maxRows: 10_000_000,
      maxBytes: 64 * 1024,
      timeoutMs: 60_000,
    });
    expect(result.truncatedReason).toBe('max_bytes');
    expect(JSON.stringify(result.rows).length).toBeLessThanOrEqual(64 * 1024);
  });

  it('reads quoted identifiers', async () => {
    const table = await describeTable(engine, 'Mixed Case-Table', DATABASE);
    expect(table.columns.map((column) => column.name)).toEqual(['Order Id', 'unit price']);
    const knex = await engine.knex();
    const statement = knex
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
    const other = await describeTable(engine, 'twin', OTHER);
    expect(other.columns.map((column) => column.name)).toEqual(['b', 'c']);
  });

  it('writes with execute', async () => {
    const outcome = await writer.execute('INSERT INTO kept VALUES (?, ?)', [2, 'added'], OPTIONS);
    expect(outcome.affectedRows).toBe(1);
    const error = await errorOf(writer.readQuery('DELETE FROM kept', [], OPTIONS));
    expect(error.code).toBe('READ_ONLY');
  });
});
