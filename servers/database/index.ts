import { McpServer } from '@modelcontextprotocol/server';
import type { Logger } from '../../shared/logging.ts';
import { registerTools } from '../../shared/tools.ts';
import { nameCompletions } from './completions.ts';
import type { DatabaseDeps } from './deps.ts';
import { registerDatabasePrompts } from './prompts.ts';
import { registerTableResources } from './resources.ts';
import { databaseTools } from './tools/index.ts';
import { packageVersion } from '../../cli/version.ts';

export type { DatabaseDeps, ResultLimits } from './deps.ts';

/**
 * Builds one MCP server over a shared engine. Cheap: no connection is made
 * until a tool, resource or completion needs the database.
 */
export function createDatabaseServer(deps: DatabaseDeps, logger: Logger): McpServer {
  const server = new McpServer(
    { name: 'conduit-database', version: packageVersion() },
    {
      capabilities: { tools: {}, resources: {}, prompts: {}, completions: {} },
      instructions:
        'SQL database tools. Start with list_tables and describe_table, then query with one ' +
        'read-only statement per call. Results are capped; truncated: true means there is more.',
    },
  );
  const completions = nameCompletions(deps.engine, logger);
  registerTools(server, databaseTools(deps.engine.allowWrite), deps, logger);
  registerTableResources(server, deps, completions, logger);
  registerDatabasePrompts(server, completions);
  return server;
}
