import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import {
  statsSource,
  type Engine,
  type EngineFeatures,
  type StatsSource,
} from '../../servers/analytics/sql/engine.ts';
import { silentLogger } from '../../shared/logging.ts';
import { openSqlEngine } from '../../shared/sql/index.ts';
import { findService, type ServiceStatus } from '../support/services.ts';

export interface OpenedDatabase {
  /** A read-only statistics source, through the shared SQL engine layer. */
  source: StatsSource;
  /** The database URL, for servers started by the test. */
  url: string;
  close(): Promise<void>;
}

export interface TestEngine {
  /** The engine, and how quantiles are computed when that is forced. */
  label: string;
  engine: Engine;
  status: ServiceStatus;
  /**
   * Creates an empty database named after the suite, lets `setup` fill it
   * through a writable knex, then opens it read-only for the statistics.
   */
  open(name: string, setup: (knex: Knex) => Promise<void>): Promise<OpenedDatabase>;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function createNetworkDatabase(engine: Engine, url: string, name: string) {
  const client = engine === 'postgres' ? 'pg' : 'mysql2';
  const admin = knexFactory({ client, connection: url });
  const drop =
    engine === 'postgres'
      ? 'drop database if exists ?? with (force)'
      : 'drop database if exists ??';
  try {
    await admin.raw(drop, [name]);
    const create =
      engine === 'postgres'
        ? "create database ?? encoding 'UTF8' template template0"
        : 'create database ?? character set utf8mb4 collate utf8mb4_bin';
    await admin.raw(create, [name]);
  } finally {
    await admin.destroy();
  }
  return {
    url: withDatabase(url, name),
    client,
    async remove() {
      const cleaner = knexFactory({ client, connection: url });
      await cleaner.raw(drop, [name]).finally(() => cleaner.destroy());
    },
  };
}

/** Lists the engines the suites run on; PostgreSQL and MariaDB come from findService. */
export async function testEngines(): Promise<TestEngine[]> {
  const postgres = await findService('postgres');
  const mysql = await findService('mysql');
  const local: ServiceStatus = { url: 'sqlite', available: true, reason: '' };

  const make = (engine: Engine, status: ServiceStatus, features?: EngineFeatures): TestEngine => ({
    label: features ? `${engine} without percentile_cont` : engine,
    engine,
    status,
    async open(name, setup) {
      let url: string;
      let remove: () => Promise<void>;
      let writer: Knex;
      if (engine === 'sqlite') {
        const folder = mkdtempSync(path.join(tmpdir(), `${name}-`));
        const filename = path.join(folder, 'data.sqlite');
        url = `sqlite://${filename}`;
        remove = async () => rmSync(folder, { recursive: true, force: true });
        writer = knexFactory({
          client: 'better-sqlite3',
          connection: { filename },
          useNullAsDefault: true,
        });
      } else {
        const created = await createNetworkDatabase(engine, status.url, name);
        url = created.url;
        remove = created.remove;
        writer = knexFactory({ client: created.client, connection: url });
      }
      await setup(writer).finally(() => writer.destroy());

      const sql = openSqlEngine({ url, env: {}, logger: silentLogger() });
      const source = await statsSource(sql, { timeoutMs: 20_000 });
      if (features) source.features = features;
      return {
        source,
        url,
        async close() {
          await sql.close();
          await remove();
        },
      };
    },
  });

  return [
    make('sqlite', local),
    // SQLite's percentile_cont is optional; this runs the ranked fallback on the same data.
    make('sqlite', local, { percentileAggregate: false, stddevAggregate: false }),
    make('postgres', postgres),
    make('mysql', mysql),
  ];
}
