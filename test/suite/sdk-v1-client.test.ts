import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chooseProbe,
  serverEnv,
  serverTargets,
  startHttpTarget,
  type RunningTarget,
  type ServerTarget,
} from './targets.ts';

// The v1 SDK (@modelcontextprotocol/sdk) is what many hosts released before
// the v2 packages embed; it speaks the 2025 protocol revisions.

async function listAndCall(transport: Transport) {
  const client = new Client({ name: 'conduit-v1-test', version: '1.0.0' });
  await client.connect(transport);
  try {
    const { tools } = await client.listTools();
    const probe = chooseProbe(tools);
    const result = await client.callTool({ name: probe.name, arguments: probe.arguments });
    return { tools, probe, result };
  } finally {
    await client.close();
  }
}

function checkAnswer(outcome: Awaited<ReturnType<typeof listAndCall>>, target: ServerTarget) {
  expect(outcome.tools.length).toBeGreaterThan(0);
  expect(outcome.result.isError ?? false).toBe(outcome.probe.expectError);
  const content = outcome.result.content as { type: string; text?: string }[];
  expect(content[0]?.type).toBe('text');
  if (target.fixture) expect(content[0]?.text).toBe('hello from a client');
}

describe.each(serverTargets())('v1 SDK client with $name', (target) => {
  it('lists and calls over stdio', async () => {
    const transport = new StdioClientTransport({
      command: target.command,
      args: target.args,
      env: serverEnv(),
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    try {
      checkAnswer(await listAndCall(transport), target);
    } catch (error) {
      console.error(`${target.name} stderr:\n${stderr}`);
      throw error;
    }
  });

  describe('over HTTP', () => {
    let server: RunningTarget;
    beforeAll(async () => {
      server = await startHttpTarget(target);
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('lists and calls over Streamable HTTP', async () => {
      const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`));
      try {
        checkAnswer(await listAndCall(transport), target);
      } catch (error) {
        console.error(server.log());
        throw error;
      }
    });

    it('lists and calls over legacy SSE', async () => {
      const transport = new SSEClientTransport(new URL(`${server.url}/sse`));
      try {
        checkAnswer(await listAndCall(transport), target);
      } catch (error) {
        console.error(server.log());
        throw error;
      }
    });
  });
});
