import {
  Client,
  SSEClientTransport,
  StreamableHTTPClientTransport,
} from '@modelcontextprotocol/client';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as V1StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../shared/logging.ts';
import {
  assertSafeBinding,
  startHttpServer,
  type RunningHttpServer,
} from '../../shared/runtime/http.ts';
import { createEchoServer } from '../fixtures/echo-server.ts';

/** Pins the v2 client to the 2026-07-28 revision; by default it opens with the 2025 handshake. */
const MODERN = { versionNegotiation: { mode: { pin: '2026-07-28' } } } as const;
const TOKEN = 'test-token-0123456789abcdef';
const mount = { name: 'echo', prefix: '', createServer: () => createEchoServer({ prefix: '' }) };

function initializeBody(id = 1): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    id,
    method: 'initialize',
    params: {
      protocolVersion: '2025-06-18',
      capabilities: {},
      clientInfo: { name: 'raw', version: '1' },
    },
  });
}

const jsonHeaders = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
};

describe('HTTP transport on loopback', () => {
  let server: RunningHttpServer;

  beforeAll(async () => {
    server = await startHttpServer([mount], {
      host: '127.0.0.1',
      port: 0,
      maxBodyBytes: 64 * 1024,
      logger: silentLogger(),
    });
  });

  afterAll(async () => {
    await server.close();
  });

  it('answers /healthz', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', servers: ['echo'] });
  });

  it('serves a 2026-era client over Streamable HTTP', async () => {
    const client = new Client({ name: 'modern', version: '1.0.0' }, MODERN);
    const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`));
    await client.connect(transport);
    expect(transport.protocolVersion).toBe('2026-07-28');
    const result = await client.callTool({ name: 'echo', arguments: { text: 'modern' } });
    expect(result.structuredContent).toEqual({ echoed: 'modern' });
    await client.close();
  });

  it('serves a 2025-era client over Streamable HTTP', async () => {
    const client = new V1Client({ name: 'legacy', version: '1.0.0' });
    const transport = new V1StreamableHTTPClientTransport(new URL(`${server.url}/mcp`));
    await client.connect(transport);
    expect(transport.protocolVersion).toBe('2025-11-25');
    expect(client.getServerVersion()?.name).toBe('conduit-echo');
    const result = await client.callTool({ name: 'echo', arguments: { text: 'legacy' } });
    expect(result.structuredContent).toEqual({ echoed: 'legacy' });
    await client.close();
  });

  it('serves the legacy HTTP+SSE transport', async () => {
    const client = new Client({ name: 'sse', version: '1.0.0' });
    await client.connect(new SSEClientTransport(new URL(`${server.url}/sse`)));
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('echo');
    const result = await client.callTool({ name: 'echo', arguments: { text: 'sse' } });
    expect(result.structuredContent).toEqual({ echoed: 'sse' });
    await client.close();
  });

  it('rejects a foreign Origin with 403', async () => {
    const response = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: { ...jsonHeaders, origin: 'https://evil.example' },
      body: initializeBody(),
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('evil.example');
  });

  it('accepts a localhost Origin', async () => {
    const response = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: { ...jsonHeaders, origin: 'http://localhost:5173' },
      body: initializeBody(),
    });
    expect(response.status).toBe(200);
  });

  it('rejects a rebinding Host with 403', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${server.url}/mcp`,
        { method: 'POST', headers: { ...jsonHeaders, host: 'evil.example' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(initializeBody());
    });
    expect(status).toBe(403);
  });

  it('rejects an oversized body with 413', async () => {
    const response = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: jsonHeaders,
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'ping',
        params: { pad: 'x'.repeat(70 * 1024) },
      }),
    });
    expect(response.status).toBe(413);
  });

  it('answers malformed JSON-RPC and keeps serving', async () => {
    const broken = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: jsonHeaders,
      body: '{"jsonrpc": "2.0", "id": 1, ',
    });
    expect(broken.status).toBeGreaterThanOrEqual(400);
    expect(broken.status).toBeLessThan(500);
    const body = (await broken.json()) as { error?: { code: number } };
    expect(body.error?.code).toBe(-32700);

    const notRpc = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: jsonHeaders,
      body: '{"hello": "world"}',
    });
    expect(notRpc.status).toBeGreaterThanOrEqual(400);
    expect(notRpc.status).toBeLessThan(500);

    const healthy = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: jsonHeaders,
      body: initializeBody(2),
    });
    expect(healthy.status).toBe(200);
  });

  it('answers an unknown path with 404 and the endpoints', async () => {
    const response = await fetch(`${server.url}/nope`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('/mcp');
  });
});

describe('HTTP transport beyond loopback', () => {
  it('refuses to bind a public address without a token', () => {
    expect(() => assertSafeBinding('0.0.0.0', undefined)).toThrow(/--auth-token/);
    expect(() => assertSafeBinding('127.0.0.1', undefined)).not.toThrow();
  });

  it('requires the bearer token on every request', async () => {
    const server = await startHttpServer([mount], {
      host: '0.0.0.0',
      port: 0,
      authToken: TOKEN,
      maxBodyBytes: 64 * 1024,
      logger: silentLogger(),
    });
    const url = `http://127.0.0.1:${server.port}/mcp`;
    try {
      const missing = await fetch(url, {
        method: 'POST',
        headers: jsonHeaders,
        body: initializeBody(),
      });
      expect(missing.status).toBe(401);
      expect(missing.headers.get('www-authenticate')).toBe('Bearer');

      const wrong = await fetch(url, {
        method: 'POST',
        headers: { ...jsonHeaders, authorization: 'Bearer not-the-token-at-all' },
        body: initializeBody(),
      });
      expect(wrong.status).toBe(401);

      const client = new Client({ name: 'authorized', version: '1.0.0' }, MODERN);
      await client.connect(
        new StreamableHTTPClientTransport(new URL(url), {
          requestInit: { headers: { authorization: `Bearer ${TOKEN}` } },
        }),
      );
      const result = await client.callTool({ name: 'echo', arguments: { text: 'ok' } });
      expect(result.structuredContent).toEqual({ echoed: 'ok' });
      await client.close();
    } finally {
      await server.close();
    }
  });
});
