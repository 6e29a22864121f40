import { McpServer } from '@modelcontextprotocol/server';
import { registerTools } from '../../shared/tools.ts';
import type { AnalyticsDeps } from './context.ts';
import { analyticsTools } from './tools/index.ts';

/** Creates one MCP server over shared analytics state; cheap, so it runs per connection. */
export function createAnalyticsServer(deps: AnalyticsDeps, version = '0.1.0'): McpServer {
  const server = new McpServer(
    { name: 'conduit-analytics', version },
    {
      capabilities: { tools: {} },
      instructions:
        'Statistics and charts computed inside the database. Call list_datasets first, then profile a table; aggregate, time_series, correlate, regress, detect_outliers and histogram take structured arguments, and chart returns a PNG.',
    },
  );
  registerTools(server, analyticsTools, deps, deps.logger);
  return server;
}
