import { McpServer } from '@modelcontextprotocol/server';
import { silentLogger, type Logger } from '../../shared/logging.ts';
import { registerTools } from '../../shared/tools.ts';
import type { TranslationDeps } from './deps.ts';
import { translationTools } from './tools/index.ts';

/** Creates an MCP server with the translation tools over the given providers, without touching the network. */
export function createTranslationServer(
  deps: TranslationDeps,
  logger: Logger = silentLogger(),
): McpServer {
  const server = new McpServer(
    { name: 'conduit-translation', version: '0.1.0' },
    { capabilities: { tools: {} } },
  );
  registerTools(server, translationTools, deps, logger);
  return server;
}
