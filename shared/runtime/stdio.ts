import type { McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import type { Logger } from '../logging.ts';

export interface RunningStdioServer {
  /** Resolves when the client closes stdin. */
  closed: Promise<void>;
  close(): Promise<void>;
}

/**
 * Serves one factory over stdin/stdout. `serveStdio` picks the protocol era
 * from the client's first message, so 2025-era hosts and 2026 clients both work.
 */
export function startStdioServer(
  createServer: () => McpServer,
  logger: Logger,
): RunningStdioServer {
  const handle = serveStdio(() => createServer(), {
    onerror: (error) => logger.warn({ err: error }, 'stdio transport error'),
  });

  const closed = new Promise<void>((resolve) => {
    process.stdin.once('end', () => resolve());
    process.stdin.once('close', () => resolve());
  });

  return { closed, close: () => handle.close() };
}
