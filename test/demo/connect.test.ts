import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServers, connectServers } from '../../client-demo/connect.ts';
import { Toolbox } from '../../client-demo/toolbox.ts';
import { silentLogger } from '../../shared/logging.ts';
import { startHttpServer, type RunningHttpServer } from '../../shared/runtime/http.ts';
import { createEchoServer } from '../fixtures/echo-server.ts';
import { fixtureServer } from './support/fixture-servers.ts';

let http: RunningHttpServer;

beforeAll(async () => {
  http = await startHttpServer(
    [{ name: 'echo', prefix: '', createServer: () => createEchoServer({ prefix: '> ' }) }],
    { host: '127.0.0.1', port: 0, maxBodyBytes: 1_000_000, logger: silentLogger() },
  );
});
afterAll(async () => {
  await http.close();
});

describe('connectServers', () => {
  it('reports a server that does not start and connects the rest', async () => {
    const result = await connectServers(
      [
        fixtureServer('good'),
        fixtureServer('exits', ['--exit']),
        {
          name: 'missing',
          transport: 'stdio',
          command: '/nonexistent/conduit-test-bin',
          args: [],
          env: {},
        },
      ],
      { timeoutMs: 20_000, clientVersion: 'test' },
    );
    try {
      expect(result.connected.map((server) => server.name)).toEqual(['good']);
      expect(result.failed.map((server) => server.name)).toEqual(['exits', 'missing']);
      expect(result.failed[0]?.error).toContain('refusing to start because --exit was given');
      expect(result.failed[1]?.error).toContain('ENOENT');
    } finally {
      await closeServers(result.connected);
    }
  });

  it('connects over Streamable HTTP and legacy SSE', async () => {
    const result = await connectServers(
      [
        { name: 'streamable', transport: 'http', url: `${http.url}/mcp`, headers: {} },
        { name: 'legacy', transport: 'sse', url: `${http.url}/sse`, headers: {} },
      ],
      { timeoutMs: 20_000, clientVersion: 'test' },
    );
    try {
      expect(result.failed).toEqual([]);
      const toolbox = new Toolbox(result.connected);
      expect(toolbox.entries.map((entry) => entry.name)).toEqual([
        'streamable__echo',
        'streamable__fail',
        'legacy__echo',
        'legacy__fail',
      ]);
      const reply = await toolbox
        .get('legacy__echo')
        ?.server.client.callTool({ name: 'echo', arguments: { text: 'hi' } });
      expect(reply?.structuredContent).toEqual({ echoed: '> hi' });
    } finally {
      await closeServers(result.connected);
    }
  });

  it('reports an HTTP server that is not there', async () => {
    const result = await connectServers(
      [{ name: 'gone', transport: 'http', url: 'http://127.0.0.1:9/mcp', headers: {} }],
      { timeoutMs: 5_000, clientVersion: 'test' },
    );
    expect(result.connected).toEqual([]);
    expect(result.failed[0]?.name).toBe('gone');
  });
});
