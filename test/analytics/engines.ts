import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import type { Engine, EngineFeatures, StatsSource } from '../../servers/analytics/sql/engine.ts';
import { findService, type ServiceStatus } from '../support/services.ts';

export interface TestEngine {
  /** The engine, and how quantiles are computed when that is forced. */
  label: string;
  engine: Engine;
  status: ServiceStatus;
  /** Opens a fresh, empty place to create tables in, named after the suite. */
  open(name: string): Promise<{ source: StatsSource; close(): Promise<void> }>;
}

async function openPostgres(url: string, name: string) {
  const admin = knexFactory({ client: 'pg', connection: url });
  await admin.raw('drop schema if exists ?? cascade', [name]);
  await admin.raw('create schema ??', [name]);
  await admin.destroy();
  const knex = knexFactory({
    client: 'pg',
    connection: url,
    searchPath: [name],
    pool: { min: 0, max: 4 },
  });
  return {
    knex,
    drop: async () => void (await knex.raw('drop schema if exists ?? cascade', [name])),
  };
}

async function openMysql(url: string, name: string) {
  const admin = knexFactory({ client: 'mysql2', connection: url });
  await admin.raw('drop database if exists ??', [name]);
  await admin.raw('create database ?? character set utf8mb4 collate utf8mb4_bin', [name]);
  await admin.destroy();
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  const knex = knexFactory({
    client: 'mysql2',
    connection: {
      uri: parsed.toString(),
      timezone: 'Z',
      dateStrings: false,
    } as unknown as Knex.MySqlConnectionConfig,
    pool: { min: 0, max: 4 },
  });
  return { knex, drop: async () => void (await knex.raw('drop database if exists ??', [name])) };
}

function openSqlite() {
  const folder = mkdtempSync(path.join(tmpdir(), 'analytics-test-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(folder, 'data.sqlite') },
    useNullAsDefault: true,
  });
  return { knex, drop: async () => rmSync(folder, { recursive: true, force: true }) };
}

/** The three engines, with availability found once; PostgreSQL and MariaDB come from findService. */
export async function testEngines(): Promise<TestEngine[]> {
  const postgres = await findService('postgres');
  const mysql = await findService('mysql');
  const make = (engine: Engine, status: ServiceStatus, features?: EngineFeatures): TestEngine => ({
    label: features ? `${engine} without percentile_cont` : engine,
    engine,
    status,
    async open(name) {
      const opened =
        engine === 'postgres'
          ? await openPostgres(status.url, name)
          : engine === 'mysql'
            ? await openMysql(status.url, name)
            : openSqlite();
      const source: StatsSource = { engine, knex: opened.knex, timeoutMs: 20_000 };
      if (features) source.features = features;
      return {
        source,
        async close() {
          await opened.drop();
          await opened.knex.destroy();
        },
      };
    },
  });
  return [
    make('sqlite', { url: 'sqlite', available: true, reason: '' }),
    // SQLite's percentile_cont is optional; this runs the ranked fallback on the same data.
    make(
      'sqlite',
      { url: 'sqlite', available: true, reason: '' },
      { percentileAggregate: false, stddevAggregate: false },
    ),
    make('postgres', postgres),
    make('mysql', mysql),
  ];
}
