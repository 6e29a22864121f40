import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
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

// The v1 SDK (@modelcontextprotocol/sdk) is what many hosts released before
// the v2 packages embed. It speaks the 2025 protocol revisions.

let upstreams: Upstreams;
beforeAll(async () => {
  upstreams = await startUpstreams();
});
afterAll(async () => {
  await upstreams?.close();
});

async function listAndCall(transport: Transport): Promise<void> {
  const client = new Client({ name: 'conduit-v1-test', version: '1.0.0' });
  await client.connect(transport);
  try {
    await listAndCallProbe(client);
  } finally {
    await client.close();
  }
}

describe.each(serverTargets())('v1 SDK client with $name', (target) => {
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
      // The server accepted the newest revision the v1 client offers.
      expect(transport.protocolVersion).toBe(LATEST_PROTOCOL_VERSION);
    });

    it('lists and calls over legacy SSE', async () => {
      const transport = new SSEClientTransport(new URL(`${server.url}/sse`));
      await listAndCall(transport).catch((error: unknown) => {
        console.error(server.log());
        throw error;
      });
    });
  });
});
