import {
  Client,
  StreamableHTTPClientTransport,
  type Transport,
} from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  listAndCallProbe,
  serverEnv,
  serverTargets,
  startHttpTarget,
  startUpstreams,
  type RunningTarget,
  type Upstreams,
} from './targets.ts';

// Clients of the 2026-07-28 revision. The v2 client opens with the 2025
// handshake by default, so it is pinned to the new revision, and the
// connection fails if a server cannot speak it. The MCP Inspector's command
// line and the v1 SDK cover the 2025 revisions.
const MODERN_REVISION = '2026-07-28';

let upstreams: Upstreams;
beforeAll(async () => {
  upstreams = await startUpstreams();
});
afterAll(async () => {
  await upstreams?.close();
});

async function listAndCall(transport: Transport): Promise<void> {
  const client = new Client(
    { name: 'conduit-modern-test', version: '1.0.0' },
    { versionNegotiation: { mode: { pin: MODERN_REVISION } } },
  );
  await client.connect(transport);
  try {
    await listAndCallProbe(client);
  } finally {
    await client.close();
  }
}

describe.each(serverTargets())('2026-era client with $name', (target) => {
  it('lists and calls over stdio', async () => {
    const transport = new StdioClientTransport({
      command: target.command,
      args: target.args,
      env: serverEnv(upstreams),
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    await listAndCall(transport).catch((error: unknown) => {
      console.error(`${target.name} stderr:\n${stderr}`);
      throw error;
    });
  });

  describe('over HTTP', () => {
    let server: RunningTarget;
    beforeAll(async () => {
      server = await startHttpTarget(target, upstreams);
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('lists and calls over Streamable HTTP', async () => {
      const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`));
      await listAndCall(transport).catch((error: unknown) => {
        console.error(server.log());
        throw error;
      });
      expect(transport.protocolVersion).toBe(MODERN_REVISION);
    });
  });
});
