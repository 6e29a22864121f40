import { spawnSync } from 'node:child_process';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, CLI_PATH, startHttpCli } from '../support/cli.ts';
import { textOf } from './support/connect.ts';
import { startOpenMeteoStandIn, type OpenMeteoStandIn } from './support/open-meteo-stand-in.ts';

const API_KEY = 'om-key-4c8e1f7a9b';

let standIn: OpenMeteoStandIn;

function hostArgs(url: string): string[] {
  return [
    '--base-url',
    url,
    '--geocoding-url',
    url,
    '--archive-url',
    url,
    '--air-quality-url',
    url,
  ];
}

beforeAll(async () => {
  assertBuilt();
  standIn = await startOpenMeteoStandIn();
});

afterAll(async () => {
  await standIn.close();
});

describe('conduit weather command', () => {
  it('lists its options in help', () => {
    const result = spawnSync(process.execPath, [CLI_PATH, 'weather', '--help'], {
      encoding: 'utf8',
    });

    expect(result.status).toBe(0);
    for (const flag of ['--base-url', '--geocoding-url', '--archive-url', '--air-quality-url']) {
      expect(result.stdout).toContain(flag);
    }
    expect(result.stdout).toContain('OPEN_METEO_API_KEY');
    expect(result.stdout).toContain('CONDUIT_REDIS_URL');
  });

  it('rejects a base URL that is not http', () => {
    const result = spawnSync(
      process.execPath,
      [CLI_PATH, 'weather', '--base-url', 'file:///etc/passwd'],
      { encoding: 'utf8' },
    );

    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('--base-url');
  });

  it('answers over stdio', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI_PATH, 'weather', ...hostArgs(standIn.url), '--log-level', 'warn'],
      stderr: 'pipe',
    });
    const client = new Client({ name: 'weather-stdio-test', version: '0.0.0' });
    await client.connect(transport);

    try {
      const result = await client.callTool({
        name: 'get_forecast',
        arguments: { place: '北京', days: 2 },
      });
      const structured = result.structuredContent as Record<string, unknown>;

      expect(result.isError).toBeFalsy();
      expect(structured.timezone).toBe('Asia/Shanghai');
      expect(structured.daily).toHaveLength(2);
      expect(textOf(result)).toContain('北京市');
    } finally {
      await client.close();
    }
  });

  it('answers over HTTP without leaking the key', async () => {
    const server = await startHttpCli(
      ['weather', '--transport', 'http', '--port', '0', ...hostArgs(standIn.url)],
      { OPEN_METEO_API_KEY: API_KEY, CONDUIT_LOG_LEVEL: 'debug' },
    );
    const client = new Client({ name: 'weather-http-test', version: '0.0.0' });
    const earlier = standIn.requests.length;

    try {
      await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`)));
      const result = await client.callTool({
        name: 'get_current_weather',
        arguments: { place: 'Zürich' },
      });
      standIn.override('/v1/forecast', {
        status: 403,
        body: { error: true, reason: `API key ${API_KEY} is not valid` },
      });
      const failed = await client.callTool({
        name: 'get_current_weather',
        arguments: { latitude: 1.5, longitude: 2.5 },
      });
      const sent = standIn.requests
        .slice(earlier)
        .find((request) => request.path === '/v1/forecast');

      expect(result.isError).toBeFalsy();
      expect(textOf(result)).toContain('Europe/Zurich');
      expect(sent?.query.get('apikey')).toBe(API_KEY);
      expect(failed.isError).toBe(true);
      expect(textOf(failed)).toContain('PERMISSION_DENIED');
      expect(textOf(failed)).not.toContain(API_KEY);
      expect(server.log()).not.toContain(API_KEY);
    } finally {
      standIn.override('/v1/forecast', null);
      await client.close();
      await server.stop();
    }
  });
});
