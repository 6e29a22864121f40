import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from '../../shared/logging.ts';
import { openSqlEngine, type SqlEngine } from '../../shared/sql/index.ts';
import { ANALYTICS_TOOL_NAMES } from './context.ts';

/** A table made by import_file. */
export interface ImportedTable {
  table: string;
  file: string;
  format: string;
  rows: number;
  columns: { name: string; type: string }[];
  importedAt: string;
}

/**
 * The embedded SQLite database that imported files go into. It is created in
 * a temporary folder on first use and deleted when the server closes, so
 * imports last as long as the server process.
 */
export class Workspace {
  private engine: Promise<SqlEngine> | undefined;
  private folder: string | undefined;
  readonly tables = new Map<string, ImportedTable>();

  constructor(private readonly logger: Logger) {}

  get opened(): boolean {
    return this.engine !== undefined;
  }

  /** Returns the workspace engine. It is writable so imports can create tables, but reads through it stay read-only. */
  sql(): Promise<SqlEngine> {
    this.engine ??= this.create().catch((error: unknown) => {
      this.engine = undefined;
      throw error;
    });
    return this.engine;
  }

  private async create(): Promise<SqlEngine> {
    this.folder = await mkdtemp(path.join(tmpdir(), 'conduit-analytics-'));
    const filename = path.join(this.folder, 'workspace.sqlite');
    this.logger.info({ path: filename }, 'created the import workspace');
    return openSqlEngine({
      url: `sqlite://${filename}`,
      env: {},
      logger: this.logger,
      allowWrite: true,
      tools: ANALYTICS_TOOL_NAMES,
    });
  }

  async close(): Promise<void> {
    const pending = this.engine;
    this.engine = undefined;
    if (pending) await (await pending.catch(() => undefined))?.close();
    if (this.folder) await rm(this.folder, { recursive: true, force: true });
    this.folder = undefined;
    this.tables.clear();
  }
}
