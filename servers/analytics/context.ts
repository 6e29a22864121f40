import { ToolError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logging.ts';
import type { SqlEngine, SqlToolNames } from '../../shared/sql/index.ts';
import type { DatasetInput } from './sql/dataset.ts';
import { statsSource, type StatsSource } from './sql/engine.ts';
import type { Workspace } from './workspace.ts';

/** The analytics tools that list tables and show their columns, named in SQL error hints. */
export const ANALYTICS_TOOL_NAMES: SqlToolNames = {
  listTables: 'list_datasets',
  describeTable: 'profile',
};

export interface AnalyticsLimits {
  timeoutMs: number;
  maxRows: number;
  maxImportBytes: number;
}

/** State and settings every analytics tool shares for the life of the server. */
export interface AnalyticsDeps {
  database: SqlEngine;
  workspace: Workspace;
  /** Folders import_file may read from, resolved to real paths. */
  dataDirs: string[];
  limits: AnalyticsLimits;
  logger: Logger;
}

/** Opens the source a dataset names: the configured database or the import workspace. */
export async function sourceFor(
  deps: AnalyticsDeps,
  dataset: DatasetInput,
  signal: AbortSignal,
): Promise<StatsSource> {
  if (dataset.source === 'workspace' && deps.workspace.tables.size === 0) {
    throw new ToolError('NOT_FOUND', 'The workspace has no imported tables yet.', {
      hint: 'Import a CSV, TSV, JSON or NDJSON file with import_file first, or use source "database".',
    });
  }
  const sql = dataset.source === 'workspace' ? await deps.workspace.sql() : deps.database;
  return statsSource(sql, { timeoutMs: deps.limits.timeoutMs, signal });
}
