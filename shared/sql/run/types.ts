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
  logger: Logger;
}
