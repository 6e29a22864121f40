import { ConfigError } from '../../shared/config/options.ts';
import { isToolError } from '../../shared/errors.ts';
import { defineServerModule } from '../../shared/server-module.ts';
import { openSqlEngine } from '../../shared/sql/index.ts';
import { createDatabaseServer } from './index.ts';
import { databaseOptions } from './options.ts';

export const databaseModule = defineServerModule({
  name: 'database',
  summary: 'SQL on PostgreSQL, MySQL/MariaDB and SQLite: read-only by default, capped results',
  options: databaseOptions,
  open(values, logger) {
    let engine;
    try {
      engine = openSqlEngine({
        url: values.url,
        env: process.env,
        logger,
        allowWrite: values.allowWrite,
        regenerateDemo: values.regenerateDemo,
        catalogTimeoutMs: values.timeoutMs,
      });
    } catch (error) {
      // An unusable URL is a configuration mistake, reported like any bad flag.
      if (isToolError(error))
        throw new ConfigError(`${error.message} Next step: ${error.hint ?? ''}`);
      throw error;
    }
    logger.info(
      { database: engine.describe(), allowWrite: values.allowWrite },
      'database configured',
    );

    const deps = {
      engine,
      limits: { maxRows: values.maxRows, maxBytes: values.maxBytes, timeoutMs: values.timeoutMs },
    };
    return {
      createServer: () => createDatabaseServer(deps, logger),
      close: () => engine.close(),
    };
  },
});
