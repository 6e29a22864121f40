import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servers } from '../../cli/registry.ts';
import { spawnSync } from 'node:child_process';
import { CLI_PATH, startHttpCli, type StartedHttpServer } from '../support/cli.ts';

const names = Object.keys(servers);

describe('conduit serve', () => {
  let serve: StartedHttpServer;

  beforeAll(async () => {
    const dataDir = `${process.env.TMPDIR ?? '/tmp'}/conduit-serve-test-${process.pid}`;
    serve = await startHttpCli(['serve', '--port', '0'], { CONDUIT_DATA_DIR: dataDir });
  });

  afterAll(async () => {
    await serve?.stop();
  });

  it('lists every registered server on /healthz', async () => {
    const response = await fetch(`${serve.url}/healthz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { servers: string[] };
    expect(body.servers.sort()).toEqual([...names].sort());
  });

  it.each(names)('serves %s under its own path', async (name) => {
    const client = new Client({ name: 'serve-test', version: '1.0.0' });
    try {
      await client.connect(new StreamableHTTPClientTransport(new URL(`${serve.url}/${name}/mcp`)));
      const { tools } = await client.listTools();
      expect(tools.length, serve.log()).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });

  it('keeps each server its own defaults', () => {
    const settings = [
      ...serve.log().matchAll(/"server":"(\w+)".*?"settings":(\{.*?\}\}),"msg":"server settings"/g),
    ];
    expect(settings.length).toBe(names.length);
    for (const [, , json] of settings) expect(() => JSON.parse(json ?? '')).not.toThrow();
  });

  it('answers an unknown path with 404', async () => {
    const response = await fetch(`${serve.url}/nowhere/mcp`);
    expect(response.status).toBe(404);
  });
});

describe('conduit serve options', () => {
  it('rejects a flag no server accepts', () => {
    const result = spawnSync(
      process.execPath,
      [CLI_PATH, 'serve', '--port', '0', '--no-such-flag'],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown option "--no-such-flag"');
  });
});
