import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isToolError, type ToolError } from '../../shared/errors.ts';
import { silentLogger } from '../../shared/logging.ts';
import {
  listTables,
  parseConnection,
  SqlEngine,
  type ReadOptions,
} from '../../shared/sql/index.ts';
import { findService } from '../support/services.ts';

const OPTIONS: ReadOptions = { maxRows: 100, maxBytes: 1024 * 1024, timeoutMs: 5000 };
const postgres = await findService('postgres');
const mysql = await findService('mysql');

/** Opens an engine on the URL, lists its tables and returns the error of that first call. */
async function firstCallError(url: string): Promise<ToolError> {
  const engine = new SqlEngine(parseConnection({ url, env: {} }), { logger: silentLogger() });
  try {
    await listTables(engine, { limit: 10, offset: 0 });
  } catch (error) {
    if (isToolError(error)) return error;
    throw error;
  } finally {
    await engine.close();
  }
  throw new Error(`expected the first call on ${url} to fail`);
}

/** Replaces the user, password and database of a service URL. */
function withLogin(
  serviceUrl: string,
  login: { user: string; password?: string; database?: string },
): string {
  const url = new URL(serviceUrl);
  url.username = login.user;
  url.password = login.password ?? '';
  if (login.database !== undefined) url.pathname = `/${login.database}`;
  return url.toString();
}

describe.skipIf(!postgres.available)('PostgreSQL connection failures', () => {
  it('reports an unknown role as a login failure', async () => {
    const url = withLogin(postgres.url, { user: 'fixsql_ghost', password: 'fixsql-secret' });
    const error = await firstCallError(url);

    expect(error.code).toBe('PERMISSION_DENIED');
    expect(error.message).toMatch(/^Connecting to PostgreSQL at 127\.0\.0\.1:5432/);
    expect(error.message).toContain('user "fixsql_ghost"');
    expect(error.message).toContain('login was rejected');
    expect(error.message).not.toContain('fixsql-secret');
    expect(error.hint).toContain('--url or DATABASE_URL');
  });

  it('reports a missing database by name', async () => {
    const url = withLogin(postgres.url, { user: 'postgres', database: 'fixsql_nosuchdb' });
    const error = await firstCallError(url);

    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toContain('database "fixsql_nosuchdb"');
    expect(error.message).toContain('does not exist');
    expect(error.hint).toContain('--url or DATABASE_URL');
    expect(error.hint).toContain('retrying will not help');
  });

  it('reports a wrong password as a login failure', async () => {
    // NOTE: the test server uses trust authentication, so it accepts any
    // password; this case sends the server's 28P01 error through the mapping.
    const engine = new SqlEngine(
      parseConnection({ url: 'postgres://fixsql_user:fixsql-secret@127.0.0.1:5432/test' }),
      { logger: silentLogger() },
    );
    const rejected = Object.assign(
      new Error('password authentication failed for user "fixsql_user"'),
      { code: '28P01' },
    );
    const error = engine.toToolError(rejected) as ToolError;

    expect(error.code).toBe('PERMISSION_DENIED');
    expect(error.message).toContain('user "fixsql_user"');
    expect(error.message).toContain('password authentication failed');
    expect(error.message).not.toContain('fixsql-secret');
    expect(error.hint).toContain('PGUSER / PGPASSWORD');
  });

  it('reports a refused connection with host and port', async () => {
    // Port 1 on the loopback interface has no listener, so the connect is refused.
    const error = await firstCallError('postgres://postgres@127.0.0.1:1/test');

    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toContain('PostgreSQL at 127.0.0.1:1');
    expect(error.message).toContain('connection was refused');
    expect(error.hint).toContain('--url or DATABASE_URL');
  });

  it('keeps a running statement error apart', async () => {
    const engine = new SqlEngine(parseConnection({ url: postgres.url }), {
      logger: silentLogger(),
    });
    try {
      const error = await engine.readQuery('SELECT * FROM fixsql_missing', [], OPTIONS).then(
        () => undefined,
        (failure: unknown) => failure as ToolError,
      );
      expect(error?.code).toBe('NOT_FOUND');
      expect(error?.message).toMatch(/^The database returned an error/);
    } finally {
      await engine.close();
    }
  });
});

describe.skipIf(!mysql.available)('MySQL connection failures', () => {
  const DATABASE = 'fixsql_login_db';
  let admin: SqlEngine;

  const run = (sql: string) => admin.execute(sql, [], OPTIONS);

  beforeAll(async () => {
    admin = new SqlEngine(parseConnection({ url: mysql.url }), {
      logger: silentLogger(),
      allowWrite: true,
    });
    for (const sql of [
      `DROP USER IF EXISTS 'fixsql_login'@'%'`,
      `DROP DATABASE IF EXISTS ${DATABASE}`,
      `CREATE DATABASE ${DATABASE}`,
      `CREATE TABLE ${DATABASE}.shared (id INT)`,
      `CREATE TABLE ${DATABASE}.private (id INT)`,
      `CREATE USER 'fixsql_login'@'%' IDENTIFIED BY 'fixsql-right'`,
      `GRANT SELECT ON ${DATABASE}.shared TO 'fixsql_login'@'%'`,
    ]) {
      await run(sql);
    }
  });

  afterAll(async () => {
    if (admin) {
      await run(`DROP USER IF EXISTS 'fixsql_login'@'%'`);
      await run(`DROP DATABASE IF EXISTS ${DATABASE}`);
      await admin.close();
    }
  });

  it('reports a wrong password as a login failure', async () => {
    const url = withLogin(mysql.url, {
      user: 'fixsql_login',
      password: 'fixsql-wrong',
      database: DATABASE,
    });
    const error = await firstCallError(url);

    expect(error.code).toBe('PERMISSION_DENIED');
    expect(error.message).toContain('user "fixsql_login"');
    expect(error.message).toContain('login was rejected');
    expect(error.message).not.toContain('fixsql-wrong');
    expect(error.hint).toContain('--url or DATABASE_URL');
    expect(error.hint).not.toContain('privilege');
  });

  it('reports a missing database by name', async () => {
    const url = withLogin(mysql.url, { user: 'root', database: 'fixsql_nosuchdb' });
    const error = await firstCallError(url);

    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toContain('database "fixsql_nosuchdb"');
    expect(error.message).toContain("Unknown database 'fixsql_nosuchdb'");
    expect(error.hint).toContain('retrying will not help');
  });

  it('reports a database the user may not use', async () => {
    const url = withLogin(mysql.url, {
      user: 'fixsql_login',
      password: 'fixsql-right',
      database: 'test',
    });
    const error = await firstCallError(url);

    expect(error.code).toBe('PERMISSION_DENIED');
    expect(error.message).toContain('the user may not use this database');
    expect(error.hint).toContain('--url or DATABASE_URL');
  });

  it('keeps a missing table privilege apart', async () => {
    const url = withLogin(mysql.url, {
      user: 'fixsql_login',
      password: 'fixsql-right',
      database: DATABASE,
    });
    const engine = new SqlEngine(parseConnection({ url, env: {} }), { logger: silentLogger() });
    try {
      const error = await engine.readQuery('SELECT * FROM private', [], OPTIONS).then(
        () => undefined,
        (failure: unknown) => failure as ToolError,
      );
      expect(error?.code).toBe('PERMISSION_DENIED');
      expect(error?.message).toMatch(/^The database returned an error/);
      expect(error?.hint).toContain('lacks this privilege');
    } finally {
      await engine.close();
    }
  });

  it('explains a URL without a user', async () => {
    const error = await firstCallError('mysql://');

    expect(error.code).toBe('PERMISSION_DENIED');
    expect(error.message).toContain('no user name');
    expect(error.hint).toContain('mysql://user:password@host:3306/database');
  });
});

describe('SQLite connection failures', () => {
  const folder = mkdtempSync(join(tmpdir(), 'fixsql-sqlite-'));

  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('names a missing file and does not advise a retry', async () => {
    const path = join(folder, 'fixsql_missing.db');
    const error = await firstCallError(`sqlite://${path}`);

    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain(`"${path}"`);
    expect(error.message).toContain('file was not found');
    expect(error.message).toContain('read-only');
    expect(error.hint).toContain('retrying will not help');
    expect(error.hint).not.toContain('retry in a few seconds');
  });
});
