import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMcpHandler, type McpServer } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { ConfigError } from '../config/options.ts';
import type { Logger } from '../logging.ts';
import { checkRequest, isLoopbackHost, type GuardOptions } from './guards.ts';
import { sendJson, sendJsonRpcError } from './respond.ts';
import type { LegacySseSessions } from './sse.ts';

/** One MCP server reachable under a path prefix ('' for the root). */
export interface HttpMount {
  name: string;
  prefix: string;
  createServer: () => McpServer;
}

export interface HttpOptions {
  host: string;
  port: number;
  authToken?: string | undefined;
  allowedOrigins?: readonly string[] | undefined;
  allowedHosts?: readonly string[] | undefined;
  maxBodyBytes: number;
  logger: Logger;
}

export interface RunningHttpServer {
  /** Base URL, such as http://127.0.0.1:3000 */
  url: string;
  port: number;
  close(): Promise<void>;
}

interface Route {
  mount: HttpMount;
  streamable: ReturnType<typeof toNodeHandler>;
  closeStreamable: () => Promise<void>;
  /** Created on the first SSE request: the legacy package is slow to load and rarely needed. */
  sse(): Promise<LegacySseSessions>;
  closeSse(): Promise<void>;
}

function buildRoute(mount: HttpMount, options: HttpOptions): Route {
  const logger = options.logger.child({ server: mount.name });
  const onerror = (error: Error) => logger.warn({ err: error }, 'HTTP request rejected or failed');
  const handler = createMcpHandler(() => mount.createServer(), {
    legacy: 'stateless',
    maxRequestBodySize: options.maxBodyBytes,
    onerror,
  });

  let sessions: Promise<LegacySseSessions> | undefined;
  const sse = () => {
    sessions ??= import('./sse.ts').then(
      ({ LegacySseSessions }) =>
        new LegacySseSessions(
          mount.createServer,
          `${mount.prefix}/messages`,
          options.maxBodyBytes,
          logger,
        ),
    );
    return sessions;
  };

  return {
    mount,
    streamable: toNodeHandler(handler, { onerror, maxRequestBodySize: options.maxBodyBytes }),
    closeStreamable: () => handler.close(),
    sse,
    closeSse: async () => (sessions ? (await sessions).closeAll() : undefined),
  };
}

/** Rejects a configuration that would expose an unauthenticated server beyond this machine. */
export function assertSafeBinding(host: string, authToken: string | undefined): void {
  if (!isLoopbackHost(host) && authToken === undefined) {
    throw new ConfigError(
      `Will not listen on ${host} without a bearer token: anyone who can reach it could use the server. ` +
        'Set --auth-token (or CONDUIT_AUTH_TOKEN) to a secret of 16 or more characters, or bind to 127.0.0.1.',
    );
  }
}

/** Turns the usual reasons a port cannot be opened into a message the user can act on. */
function describeListenError(error: NodeJS.ErrnoException, options: HttpOptions): Error {
  const where = `${options.host}:${options.port}`;
  if (error.code === 'EADDRINUSE') {
    return new ConfigError(
      `Port ${options.port} on ${options.host} is already in use. Stop the program using it, ` +
        'or choose another --port (0 picks a free one).',
    );
  }
  if (error.code === 'EACCES') {
    return new ConfigError(
      `No permission to listen on ${where}. Ports below 1024 need extra privileges; choose a --port of 1024 or more.`,
    );
  }
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
    return new ConfigError(
      `Cannot listen on ${where}: ${options.host} is not an address of this machine. Check --host.`,
    );
  }
  return error;
}

export async function startHttpServer(
  mounts: readonly HttpMount[],
  options: HttpOptions,
): Promise<RunningHttpServer> {
  assertSafeBinding(options.host, options.authToken);

  const guard: GuardOptions = {
    bindHost: options.host,
    authToken: options.authToken,
    allowedOrigins: options.allowedOrigins ?? [],
    allowedHosts: options.allowedHosts ?? [],
  };
  const routes = mounts.map((mount) => buildRoute(mount, options));
  const logger = options.logger;

  const dispatch = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');

    if (url.pathname === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      sendJson(res, 200, { status: 'ok', servers: mounts.map((mount) => mount.name) });
      return;
    }

    const rejection = checkRequest(req, guard);
    if (rejection) {
      logger.warn(
        {
          status: rejection.status,
          path: url.pathname,
          origin: req.headers.origin,
          host: req.headers.host,
        },
        'HTTP request refused',
      );
      const headers: Record<string, string> =
        rejection.status === 401 ? { 'www-authenticate': 'Bearer' } : {};
      sendJson(
        res,
        rejection.status,
        { jsonrpc: '2.0', id: null, error: { code: -32001, message: rejection.message } },
        headers,
      );
      return;
    }

    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > options.maxBodyBytes) {
      sendJsonRpcError(
        res,
        413,
        -32600,
        `Request body is larger than ${options.maxBodyBytes} bytes.`,
      );
      req.resume();
      return;
    }

    for (const route of routes) {
      const prefix = route.mount.prefix;
      if (url.pathname === `${prefix}/mcp`) {
        await route.streamable(req, res);
        return;
      }
      if (url.pathname === `${prefix}/sse` && req.method === 'GET') {
        await (await route.sse()).open(res);
        return;
      }
      if (url.pathname === `${prefix}/messages` && req.method === 'POST') {
        await (await route.sse()).post(req, res, url);
        return;
      }
    }

    const known = mounts
      .flatMap((mount) => [`${mount.prefix}/mcp`, `${mount.prefix}/sse`])
      .join(', ');
    sendJson(res, 404, {
      error: `No MCP endpoint at ${url.pathname}. Endpoints: ${known}, /healthz.`,
    });
  };

  const server: Server = createServer((req, res) => {
    dispatch(req, res).catch((error: unknown) => {
      logger.error({ err: error, path: req.url }, 'HTTP request failed');
      sendJsonRpcError(res, 500, -32603, 'Internal server error.');
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(describeListenError(error, options)),
    );
    server.listen(options.port, options.host, () => {
      server.removeAllListeners('error');
      resolve();
    });
  });

  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${hostForUrl}:${address.port}`;

  return {
    url,
    port: address.port,
    async close() {
      await Promise.allSettled(routes.map((route) => route.closeSse()));
      await Promise.allSettled(routes.map((route) => route.closeStreamable()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
