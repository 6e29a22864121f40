import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RecordedRequest } from './model-script.ts';

export interface StandIn {
  /** Base URL, such as http://127.0.0.1:PORT. */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

/**
 * Starts an HTTP server on 127.0.0.1 that records every JSON request and
 * passes it to `respond`. Tests use it in place of a model API.
 */
export async function startStandIn(
  respond: (recorded: RecordedRequest, turn: number, response: ServerResponse) => void,
): Promise<StandIn> {
  const requests: RecordedRequest[] = [];
  const server = createServer((request, response) => {
    readJson(request)
      .then((body) => {
        const recorded = { path: request.url ?? '', headers: request.headers, body };
        requests.push(recorded);
        respond(recorded, requests.length - 1, response);
      })
      .catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: String(error) } }));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function writeSse(
  response: ServerResponse,
  events: { event?: string; data: unknown }[],
): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const item of events) {
    const prefix = item.event ? `event: ${item.event}\n` : '';
    const data = typeof item.data === 'string' ? item.data : JSON.stringify(item.data);
    response.write(`${prefix}data: ${data}\n\n`);
  }
  response.end();
}
