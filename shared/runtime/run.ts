import type { Logger } from '../logging.ts';
import type { ServerInstance } from '../server-module.ts';

export interface RunOptions {
  name: string;
  transport: 'stdio' | 'http';
  host: string;
  port: number;
  authToken?: string | undefined;
  allowedOrigins?: readonly string[] | undefined;
  allowedHosts?: readonly string[] | undefined;
  maxBodyBytes: number;
  logger: Logger;
}

export interface RunningServer {
  /** Base URL when serving HTTP. */
  url?: string;
  /** Resolves when the client ends the session on its own (stdin closed). */
  ended: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Serves one server over the chosen transport. Stdio ends when the host
 * closes stdin; HTTP runs until `stop()`. The caller owns signals and exit.
 */
export async function runServer(
  instance: ServerInstance,
  options: RunOptions,
): Promise<RunningServer> {
  const { logger } = options;

  if (options.transport === 'stdio') {
    const { startStdioServer } = await import('./stdio.ts');
    const stdio = startStdioServer(() => instance.createServer(), logger);
    logger.info({ transport: 'stdio' }, 'server ready');
    return { ended: stdio.closed, stop: () => stdio.close() };
  }

  const { startHttpServer } = await import('./http.ts');
  const http = await startHttpServer(
    [{ name: options.name, prefix: '', createServer: () => instance.createServer() }],
    options,
  );
  logger.info(
    { transport: 'http', url: `${http.url}/mcp`, sse: `${http.url}/sse` },
    'server ready',
  );
  return { url: http.url, ended: new Promise<void>(() => {}), stop: () => http.close() };
}
