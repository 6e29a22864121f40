import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the stand-in received it. */
export interface ReceivedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface StandInReply {
  status?: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string is sent as it is. */
  body?: unknown;
  /** Sends no response, so the client's timeout fires. */
  hang?: boolean;
}

export type StandInHandler = (request: ReceivedRequest) => StandInReply | Promise<StandInReply>;

export interface StandIn {
  url: string;
  /** Every request received so far, in order. */
  requests: ReceivedRequest[];
  /** Requests received for one path. */
  hits(path: string): number;
  close(): Promise<void>;
}

/**
 * Starts an HTTP server on 127.0.0.1 that replies through `handler`, as a
 * local replacement for a public API.
 */
export async function startStandIn(handler: StandInHandler): Promise<StandIn> {
  const requests: ReceivedRequest[] = [];
  const hanging = new Set<http.ServerResponse>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const received: ReceivedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(received);

      void Promise.resolve(handler(received)).then((reply) => {
        if (reply.hang) {
          hanging.add(res);
          return;
        }
        const isText = typeof reply.body === 'string' || reply.body === undefined;
        const text = isText
          ? ((reply.body as string | undefined) ?? '')
          : JSON.stringify(reply.body);
        res.writeHead(reply.status ?? 200, {
          'Content-Type': isText ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
          ...reply.headers,
        });
        res.end(text);
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    hits: (path) => requests.filter((request) => request.path === path).length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
