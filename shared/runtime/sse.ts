import type { IncomingMessage, ServerResponse } from 'node:http';
import type { McpServer, Transport } from '@modelcontextprotocol/server';
import { SSEServerTransport } from '@modelcontextprotocol/server-legacy/sse';
import type { Logger } from '../logging.ts';
import { readJsonBody, sendJson } from './respond.ts';

/**
 * The 2024-11-05 HTTP+SSE transport for older clients: a GET opens an event
 * stream that names a per-session POST endpoint, and each POST carries one
 * message. Sessions live in this process, so this transport needs sticky
 * routing behind a load balancer; Streamable HTTP does not.
 */
export class LegacySseSessions {
  private readonly sessions = new Map<
    string,
    { transport: SSEServerTransport; server: McpServer }
  >();

  constructor(
    private readonly createServer: () => McpServer,
    private readonly messagesPath: string,
    private readonly maxBodyBytes: number,
    private readonly logger: Logger,
  ) {}

  async open(res: ServerResponse): Promise<void> {
    const transport = new SSEServerTransport(this.messagesPath, res);
    const server = this.createServer();
    const id = transport.sessionId;
    this.sessions.set(id, { transport, server });

    transport.onclose = () => {
      this.sessions.delete(id);
      this.logger.debug({ sessionId: id }, 'SSE session closed');
    };
    // The legacy package carries its own copy of the core types; the
    // transport contract is the same.
    await server.connect(transport as unknown as Transport);
    this.logger.debug({ sessionId: id }, 'SSE session opened');
  }

  async post(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const id = url.searchParams.get('sessionId') ?? '';
    const session = this.sessions.get(id);
    if (!session) {
      sendJson(res, 404, {
        error: `Unknown SSE session "${id}". Open a new stream with GET on the /sse endpoint.`,
      });
      return;
    }

    const body = await readJsonBody(req, res, this.maxBodyBytes);
    if (body === undefined) return;
    await session.transport.handlePostMessage(req, res, body);
  }

  async closeAll(): Promise<void> {
    const open = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.allSettled(open.map(({ server }) => server.close()));
  }
}
