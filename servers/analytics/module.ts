import { defineServerModule } from '../../shared/server-module.ts';
import { openSqlEngine } from '../../shared/sql/index.ts';
import { ConfigError } from '../../shared/config/options.ts';
import { isToolError } from '../../shared/errors.ts';
import { ANALYTICS_TOOL_NAMES, type AnalyticsDeps } from './context.ts';
import { resolveDataDirs } from './import/paths.ts';
import { analyticsOptions } from './options.ts';
import { createAnalyticsServer } from './server.ts';
import { Workspace } from './workspace.ts';

export const analyticsModule = defineServerModule({
  name: 'analytics',
  summary: 'statistics and charts computed inside the database, plus imported CSV and JSON files',
  options: analyticsOptions,
  async open(values, logger) {
    let database;
    try {
      database = openSqlEngine({ url: values.url, logger, tools: ANALYTICS_TOOL_NAMES });
    } catch (error) {
      // An unusable URL is a configuration mistake, reported like any bad flag.
      if (isToolError(error))
        throw new ConfigError(`${error.message} Next step: ${error.hint ?? ''}`);
      throw error;
    }
    const { dirs, missing } = await resolveDataDirs(values.dataDir);
    if (missing.length > 0) {
      logger.warn({ missing }, 'ignoring data folders that do not exist');
    }
    const deps: AnalyticsDeps = {
      database,
      workspace: new Workspace(logger),
      dataDirs: dirs,
      limits: {
        timeoutMs: values.timeoutMs,
        maxRows: values.maxRows,
        maxImportBytes: values.maxImportBytes,
      },
      logger,
    };
    return {
      createServer: () => createAnalyticsServer(deps),
      async close() {
        await deps.workspace.close();
        await database.close();
      },
    };
  },
});
