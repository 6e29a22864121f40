import type { Knex } from 'knex';
import type { Dialect } from '../connection.ts';
import { mysqlCatalog } from './mysql.ts';
import { postgresCatalog } from './postgres.ts';
import { sqliteCatalog } from './sqlite.ts';
import type { Catalog } from './types.ts';

export function catalogFor(dialect: Dialect, knex: Knex): Catalog {
  if (dialect === 'postgres') return postgresCatalog(knex);
  if (dialect === 'mysql') return mysqlCatalog(knex);
  return sqliteCatalog(knex);
}

export type * from './types.ts';
