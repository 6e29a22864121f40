import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import type { AnalyticsDeps } from '../../servers/analytics/context.ts';
import { createAnalyticsServer } from '../../servers/analytics/server.ts';
import { Workspace } from '../../servers/analytics/workspace.ts';
import { silentLogger, type Logger } from '../../shared/logging.ts';
import type { SqlEngine } from '../../shared/sql/index.ts';

export interface ToolResult {
  isError?: boolean;
  content: { type: string; text?: string; data?: string; mimeType?: string }[];
  structuredContent?: Record<string, unknown>;
}

export interface ConnectedClient {
  call(name: string, args: Record<string, unknown>): Promise<ToolResult>;
  client: Client;
  close(): Promise<void>;
}

/** Connects an MCP client to an analytics server over an in-memory pair. */
export async function connectAnalytics(
  database: SqlEngine,
  dataDirs: string[] = [],
  logger: Logger = silentLogger(),
): Promise<ConnectedClient> {
  const workspace = new Workspace(logger);
  const deps: AnalyticsDeps = {
    database,
    workspace,
    dataDirs,
    limits: { timeoutMs: 20_000, maxRows: 1000, maxImportBytes: 1024 * 1024 },
    logger,
  };
  const server = createAnalyticsServer(deps);
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  const client = new Client({ name: 'analytics-test', version: '1.0.0' });
  await client.connect(clientTransport);
  return {
    client,
    call: async (name, args) => (await client.callTool({ name, arguments: args })) as ToolResult,
    async close() {
      await client.close();
      await workspace.close();
    },
  };
}
