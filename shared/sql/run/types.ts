import type { Knex } from 'knex';
import type { Logger } from '../../logging.ts';
import type { RowCollector } from '../collector.ts';
import type { ReadOptions } from '../types.ts';

/** A read runs read-only and is rolled back; a write is committed. */
export type Mode = 'read' | 'write';

/** One statement to run on one engine, with its caps and where its rows go. */
export interface StatementRun {
  knex: Knex;
  sql: string;
  bindings: readonly unknown[];
  options: ReadOptions;
  collector: RowCollector;
  mode: Mode;
  /** Advice for a write rejected in read mode, naming the tools of the server that sent it. */
  readOnlyHint: string;
  logger: Logger;
}
