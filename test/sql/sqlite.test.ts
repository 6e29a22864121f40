process.env.TZ = 'Asia/Tokyo';

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isToolError } from '../../shared/errors.ts';
import { silentLogger } from '../../shared/logging.ts';
import {
  describeTable,
  parseConnection,
  SqlEngine,
  type ReadOptions,
} from '../../shared/sql/index.ts';

const OPTIONS: ReadOptions = { maxRows: 1000, maxBytes: 1024 * 1024, timeoutMs: 5000 };

async function errorOf(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; hint: string }> {
  try {
    await promise;
  } catch (error) {
    if (isToolError(error))
      return { code: error.code, message: error.message, hint: error.hint ?? '' };
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('SQLite engine', () => {
  const folder = mkdtempSync(join(tmpdir(), 'database-sqlite-'));
  const file = join(folder, 'shop.db');
  let engine: SqlEngine;
  let writer: SqlEngine;

  const note = () => {
    const db = new Database(file, { readonly: true });
    try {
      return (db.prepare('SELECT note FROM kept WHERE id = 1').get() as { note: string }).note;
    } finally {
      db.close();
    }
  };

  beforeAll(() => {
    const db = new Database(file);
    db.exec(`
      CREATE TABLE kept (id INTEGER PRIMARY KEY, note TEXT);
      INSERT INTO kept VALUES (1, 'original');
      CREATE TABLE types (big INTEGER, num NUMERIC, d TEXT, r REAL, b BLOB, t TEXT);
      INSERT INTO types VALUES (9223372036854775807, 12.50, '2024-02-29 23:30:00', 0.1, x'deadbeef', '上海 🚀 café');
      CREATE TABLE "Mixed Case-Table" ("Order Id" INTEGER, "unit price" NUMERIC);
      INSERT INTO "Mixed Case-Table" VALUES (7, 3.5);
      CREATE TABLE parent (id INTEGER PRIMARY KEY);
      CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent(id));
      CREATE INDEX child_parent ON child(parent_id);
    `);
    db.close();
    engine = new SqlEngine(parseConnection({ url: `sqlite://${file}` }), {
      logger: silentLogger(),
    });
    writer = new SqlEngine(parseConnection({ url: `sqlite://${file}` }), {
      logger: silentLogger(),
      allowWrite: true,
    });
  });

  afterAll(async () => {
    await engine.close();
    await writer.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('returns exact values', async () => {
    expect(new Date(0).getTimezoneOffset()).toBe(-540);
    const result = await engine.readQuery('SELECT * FROM types', [], OPTIONS);
    expect(result.rows[0]).toEqual([
      '9223372036854775807',
      12.5,
      '2024-02-29 23:30:00',
      0.1,
      '3q2+7w==',
      '上海 🚀 café',
    ]);
    expect(result.columns.map((column) => column.type)).toEqual([
      'integer',
      'numeric',
      'text',
      'real',
      'blob',
      'text',
    ]);
  });

  it('binds parameters', async () => {
    const result = await engine.readQuery('SELECT note FROM kept WHERE id = ?', [1], OPTIONS);
    expect(result.rows).toEqual([['original']]);
  });

  it('reports missing parameters as invalid', async () => {
    const error = await errorOf(engine.readQuery('SELECT ? + ?', [1], OPTIONS));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toMatch(/Too few parameter values/);
  });

  it('reads an in-memory database', async () => {
    const memory = new SqlEngine(parseConnection({ url: 'sqlite::memory:' }), {
      logger: silentLogger(),
    });
    try {
      const result = await memory.readQuery('SELECT 1 + 1', [], OPTIONS);
      expect(result.rows).toEqual([[2]]);
      const error = await errorOf(memory.readQuery('CREATE TABLE t (a INTEGER)', [], OPTIONS));
      expect(error.code).toBe('READ_ONLY');
    } finally {
      await memory.close();
    }
  });

  it('reports a missing database file', async () => {
    const path = join(folder, 'missing.db');
    const missing = new SqlEngine(parseConnection({ url: `sqlite://${path}` }), {
      logger: silentLogger(),
    });
    try {
      const error = await errorOf(missing.readQuery('SELECT 1', [], OPTIONS));
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toContain(`"${path}" failed: the file was not found`);
      expect(existsSync(path)).toBe(false);
    } finally {
      await missing.close();
    }
  });

  it('rejects two statements', async () => {
    const error = await errorOf(
      engine.readQuery("SELECT 1; UPDATE kept SET note = 'x'", [], OPTIONS),
    );
    expect(error.code).toBe('INVALID_ARGUMENT');
  });

  const writes: [string, string][] = [
    ['update', "UPDATE kept SET note = 'changed'"],
    ['a CTE update', "WITH x AS (SELECT 1) UPDATE kept SET note = 'changed'"],
    ['drop', 'DROP TABLE kept'],
    ['a pragma that writes', 'PRAGMA user_version = 7'],
  ];
  for (const [name, sql] of writes) {
    it(`blocks a write by ${name}`, async () => {
      const error = await errorOf(engine.readQuery(sql, [], OPTIONS));
      expect(error.code).toBe('READ_ONLY');
      expect(note()).toBe('original');
    });
  }

  it('rejects ATTACH and VACUUM INTO', async () => {
    const attach = await errorOf(
      engine.readQuery(`ATTACH DATABASE '${file}' AS other`, [], OPTIONS),
    );
    expect(attach.code).toBe('PERMISSION_DENIED');
    const copy = join(folder, 'copy.db');
    const vacuum = await errorOf(engine.readQuery(`VACUUM INTO '${copy}'`, [], OPTIONS));
    expect(vacuum.code).toBe('PERMISSION_DENIED');
    expect(existsSync(copy)).toBe(false);
  });

  it('stops a runaway query', async () => {
    const error = await errorOf(
      engine.readQuery(
        'WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x FROM n',
        [],
        { maxRows: 100_000_000, maxBytes: 1024 * 1024 * 1024, timeoutMs: 200 },
      ),
    );
    expect(error.code).toBe('TIMEOUT');
    const next = await engine.readQuery('SELECT 1', [], OPTIONS);
    expect(next.rows).toEqual([[1]]);
  });

  it('caps 5 million rows', async () => {
    const result = await engine.readQuery(
      'WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 5000000) SELECT x, hex(randomblob(16)) FROM n',
      [],
      { ...OPTIONS, maxRows: 100_000_000, maxBytes: 64 * 1024 },
    );
    expect(result.truncatedReason).toBe('max_bytes');
    expect(JSON.stringify(result.rows).length).toBeLessThanOrEqual(64 * 1024);
  });

  it('reads quoted identifiers', async () => {
    const table = await describeTable(engine, 'Mixed Case-Table');
    expect(table.columns.map((column) => column.name)).toEqual(['Order Id', 'unit price']);
    const knex = await engine.knex();
    const statement = knex
      .select(['Order Id', 'unit price'])
      .from('Mixed Case-Table')
      .toSQL()
      .toNative();
    const result = await engine.readQuery(statement.sql, statement.bindings, OPTIONS);
    expect(result.rows).toEqual([[7, 3.5]]);
  });

  it('describes foreign keys and indexes', async () => {
    const table = await describeTable(engine, 'child');
    expect(table.primaryKey).toEqual(['id']);
    expect(table.foreignKeys).toEqual([
      expect.objectContaining({
        columns: ['parent_id'],
        referencedTable: 'parent',
        referencedColumns: ['id'],
      }),
    ]);
    expect(table.indexes.map((index) => index.name)).toContain('child_parent');
  });

  it('writes with execute', async () => {
    const outcome = await writer.execute('INSERT INTO kept VALUES (?, ?)', [2, 'added'], OPTIONS);
    expect(outcome.affectedRows).toBe(1);
    const error = await errorOf(writer.readQuery('DELETE FROM kept', [], OPTIONS));
    expect(error.code).toBe('READ_ONLY');
  });

  it('points reads that write to execute', async () => {
    const error = await errorOf(writer.readQuery("UPDATE kept SET note = 'x'", [], OPTIONS));
    expect(error.code).toBe('READ_ONLY');
    expect(error.hint).toContain('execute tool');
    expect(error.hint).not.toContain('--allow-write');
  });

  it('advises --allow-write when writes are off', async () => {
    const error = await errorOf(engine.readQuery("UPDATE kept SET note = 'x'", [], OPTIONS));
    expect(error.code).toBe('READ_ONLY');
    expect(error.hint).toContain('restart it with --allow-write');
  });

  it('names the caller tools in hints', async () => {
    const analytics = new SqlEngine(parseConnection({ url: `sqlite://${file}` }), {
      logger: silentLogger(),
      tools: { listTables: 'list_datasets', describeTable: 'profile' },
    });
    try {
      const missing = await errorOf(analytics.readQuery('SELECT * FROM fixsql_none', [], OPTIONS));
      expect(missing.code).toBe('NOT_FOUND');
      expect(missing.hint).toContain('call list_datasets');
      expect(missing.hint).toContain('profile');
      expect(missing.hint).not.toContain('list_tables');

      const write = await errorOf(analytics.readQuery('DELETE FROM kept', [], OPTIONS));
      expect(write.code).toBe('READ_ONLY');
      expect(write.hint).not.toContain('execute');
      expect(write.hint).not.toContain('--allow-write');
    } finally {
      await analytics.close();
    }
  });

  it('types expression columns from values', async () => {
    const result = await engine.readQuery(
      `SELECT length(t) AS total, AVG(r) AS mean, upper(t) AS shout, zeroblob(2) AS bytes,
              NULL AS empty, big AS declared
       FROM types`,
      [],
      OPTIONS,
    );
    const types = Object.fromEntries(result.columns.map((column) => [column.name, column.type]));
    expect(types.total).toBe('integer');
    expect(types.mean).toBe('real');
    expect(types.shout).toBe('text');
    expect(types.bytes).toBe('blob');
    expect(types.empty).toBe('');
    expect(types.declared).toBe('integer');
  });

  it('types an integer sum', async () => {
    const result = await engine.readQuery('SELECT SUM(id) AS revenue FROM kept', [], OPTIONS);
    expect(result.columns).toEqual([{ name: 'revenue', type: 'integer' }]);
  });
});
