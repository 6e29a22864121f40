import { McpServer } from '@modelcontextprotocol/server';
import { silentLogger, type Logger } from '../../shared/logging.ts';
import { registerTools } from '../../shared/tools.ts';
import type { WeatherDeps } from './deps.ts';
import { weatherTools } from './tools/index.ts';

/** Builds one MCP server over shared weather state; cheap, so it can run per connection. */
export function createWeatherServer(deps: WeatherDeps, logger: Logger = silentLogger()): McpServer {
  const server = new McpServer(
    { name: 'conduit-weather', version: '0.1.0' },
    {
      capabilities: { tools: {} },
      instructions:
        'Weather from Open-Meteo. Pass a place name in any script or coordinates; every result ' +
        'names the place it used, so check it, and the other matches, before answering.',
    },
  );
  registerTools(server, weatherTools, deps, logger);
  return server;
}
