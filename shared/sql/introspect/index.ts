import type { Knex } from 'knex';
import type { Dialect } from '../connection.ts';
import { mysqlCatalog } from './mysql.ts';
import { postgresCatalog } from './postgres.ts';
import { sqliteCatalog } from './sqlite.ts';
import type { Catalog, RawRunner } from './types.ts';

/**
 * The catalog queries of one dialect. Each statement is cancelled on the
 * server after `timeoutMs` (PostgreSQL and MySQL; SQLite catalog reads are
 * local and short).
 */
export function catalogFor(dialect: Dialect, knex: Knex, timeoutMs: number): Catalog {
  const raw: RawRunner = (sql, bindings = []) =>
    dialect === 'sqlite'
      ? knex.raw(sql, bindings)
      : knex.raw(sql, bindings).timeout(timeoutMs, { cancel: true });
  if (dialect === 'postgres') return postgresCatalog(raw);
  if (dialect === 'mysql') return mysqlCatalog(raw);
  return sqliteCatalog(raw);
}

export type * from './types.ts';
