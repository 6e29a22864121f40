import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { servers } from '../../cli/registry.ts';
import { startHttpCli, type StartedHttpServer } from '../support/cli.ts';
import { captureOutput, printedSnippets } from './capture.ts';
import { serverEnv, startUpstreams, type Upstreams } from './targets.ts';

const names = Object.keys(servers);

describe.skipIf(names.length === 0)('HTTP configuration from conduit config', () => {
  let upstreams: Upstreams;
  let serve: StartedHttpServer;
  let entries: Record<string, { url: string }>;

  beforeAll(async () => {
    upstreams = await startUpstreams();
    serve = await startHttpCli(
      ['serve', '--port', '0', '--log-level', 'info'],
      serverEnv(upstreams),
    );

    const output = captureOutput();
    const code = await main(['config', 'cursor', 'all', '--http', serve.url], {}, servers, output);
    expect(code).toBe(0);
    const snippet = printedSnippets(output.stdout).json[0] as {
      mcpServers: Record<string, { url: string }>;
    };
    entries = snippet.mcpServers;
  });

  afterAll(async () => {
    await serve?.stop();
    await upstreams?.close();
  });

  it.each(names)('reaches %s under conduit serve', async (name) => {
    const entry = entries[`conduit-${name}`];
    expect(entry).toBeDefined();

    const client = new Client({ name: 'conduit-config-test', version: '1.0.0' });
    try {
      await client.connect(new StreamableHTTPClientTransport(new URL(entry?.url ?? '')));
      const { tools } = await client.listTools();
      expect(tools.length).toBeGreaterThan(0);
    } catch (error) {
      console.error(serve.log());
      throw error;
    } finally {
      await client.close();
    }
  });
});
