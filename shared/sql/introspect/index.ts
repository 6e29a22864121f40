import type { Knex } from 'knex';
import type { Dialect } from '../connection.ts';
import { mysqlCatalog } from './mysql.ts';
import { postgresCatalog } from './postgres.ts';
import { sqliteCatalog } from './sqlite.ts';
import type { Catalog, RawRunner } from './types.ts';

/**
 * Returns the catalog queries of one dialect. On PostgreSQL and MySQL each
 * statement is cancelled on the server after `timeoutMs`; SQLite catalog
 * reads are local and short, so they run without one.
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
