import type { EventEmitter } from 'node:events';
import type pg from 'pg';
import type { Client } from 'pg';
import type { RowCollector } from '../collector.ts';
import { pgTextToJson } from '../pg-values.ts';

export type PgModule = typeof pg;

export interface PgField {
  name: string;
  dataTypeID: number;
}

interface PgWireConnection {
  sync(): void;
}

/** The parts of pg's Query this reader hooks into; pg's own typings leave them out. */
interface PortalQuery extends EventEmitter {
  handleRowDescription(message: { fields: PgField[] }): void;
  handlePortalSuspended(connection: PgWireConnection): void;
  handleCommandComplete(message: unknown, connection: PgWireConnection): void;
  handleEmptyQuery(connection: PgWireConnection): void;
  handleError(error: Error, connection: PgWireConnection): void;
}

type PortalQueryConstructor = new (config: Record<string, unknown>) => PortalQuery;

export interface PgOutcome {
  fields: PgField[];
  command: string | null;
  rowCount: number | null;
}

/** Every value arrives as PostgreSQL text; pgTextToJson converts it exactly. */
const RAW_TEXT = { getTypeParser: () => (value: string) => value };

const BATCH_ROWS = 500;

/**
 * Runs one statement with the extended query protocol, which rejects a
 * second statement in the same text, and reads it through a portal
 * `BATCH_ROWS` at a time. Once the collector is full no further batch is
 * requested, so a huge result never crosses the network in full.
 */
export function runPortalQuery(
  pg: PgModule,
  client: Client,
  sql: string,
  values: readonly unknown[],
  collector: RowCollector,
): Promise<PgOutcome> {
  const Query = pg.Query as unknown as PortalQueryConstructor;
  const query = new Query({
    text: sql,
    values,
    rows: BATCH_ROWS,
    queryMode: 'extended',
    rowMode: 'array',
    types: RAW_TEXT,
  });

  let fields: PgField[] = [];
  let syncSent = false;

  const describe = query.handleRowDescription.bind(query);
  query.handleRowDescription = (message) => {
    fields = message.fields;
    describe(message);
  };

  const suspended = query.handlePortalSuspended.bind(query);
  query.handlePortalSuspended = (connection) => {
    if (!collector.full) return suspended(connection);
    syncSent = true;
    connection.sync();
  };

  const complete = query.handleCommandComplete.bind(query);
  query.handleCommandComplete = (message, connection) => {
    syncSent = true;
    complete(message, connection);
  };

  const empty = query.handleEmptyQuery.bind(query);
  query.handleEmptyQuery = (connection) => {
    syncSent = true;
    empty(connection);
  };

  // After an error the server skips everything up to the next Sync; pg only
  // sends one itself when it reads without a row limit.
  const failed = query.handleError.bind(query);
  query.handleError = (error, connection) => {
    if (!syncSent && error instanceof pg.DatabaseError) {
      syncSent = true;
      connection.sync();
    }
    failed(error, connection);
  };

  return new Promise((resolve, reject) => {
    query.on('row', (row: (string | null)[]) => {
      if (collector.full) return;
      collector.add(
        row.map((value, index) => pgTextToJson(value, fields[index]?.dataTypeID ?? 25)),
      );
    });
    query.on('error', reject);
    query.on('end', (result: { command?: string | null; rowCount?: number | null }) => {
      resolve({ fields, command: result.command ?? null, rowCount: result.rowCount ?? null });
    });
    client.query(query as never);
  });
}
