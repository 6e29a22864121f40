import { describe, expect, it } from 'vitest';
import {
  CONDUIT_BIN,
  defaultServerConfig,
  parseServerConfig,
  ServerConfigError,
} from '../../client-demo/server-config.ts';

describe('parseServerConfig', () => {
  it('reads stdio and HTTP entries under mcpServers', () => {
    const configs = parseServerConfig(
      JSON.stringify({
        mcpServers: {
          db: { command: 'npx', args: ['-y', 'conduit-mcp', 'database'], env: { A: '1' } },
          remote: { url: 'http://127.0.0.1:3000/mcp', headers: { Authorization: 'Bearer t' } },
          old: { type: 'sse', url: 'http://127.0.0.1:3000/sse' },
        },
      }),
      'test.json',
    );
    expect(configs).toEqual([
      {
        name: 'db',
        transport: 'stdio',
        command: 'npx',
        args: ['-y', 'conduit-mcp', 'database'],
        env: { A: '1' },
        cwd: undefined,
      },
      {
        name: 'remote',
        transport: 'http',
        url: 'http://127.0.0.1:3000/mcp',
        headers: { Authorization: 'Bearer t' },
      },
      { name: 'old', transport: 'sse', url: 'http://127.0.0.1:3000/sse', headers: {} },
    ]);
  });

  it('accepts the VS Code servers key', () => {
    const configs = parseServerConfig(
      JSON.stringify({ servers: { w: { type: 'stdio', command: 'conduit', args: ['weather'] } } }),
      'mcp.json',
    );
    expect(configs.map((config) => config.name)).toEqual(['w']);
  });

  it('skips disabled servers', () => {
    const configs = parseServerConfig(
      JSON.stringify({ mcpServers: { a: { command: 'a', disabled: true }, b: { command: 'b' } } }),
      'x.json',
    );
    expect(configs.map((config) => config.name)).toEqual(['b']);
  });

  it('rejects invalid JSON with the file name', () => {
    expect(() => parseServerConfig('{', 'broken.json')).toThrow(/broken\.json is not valid JSON/);
  });

  it('rejects an entry without command or url', () => {
    expect(() =>
      parseServerConfig(JSON.stringify({ mcpServers: { a: { args: [] } } }), 'f.json'),
    ).toThrow(ServerConfigError);
  });

  it('rejects a file without servers', () => {
    expect(() => parseServerConfig('{}', 'f.json')).toThrow(/"mcpServers" or "servers"/);
  });
});

describe('defaultServerConfig', () => {
  it('starts the four servers with this node', () => {
    const configs = defaultServerConfig({ PATH: '/bin' });
    expect(configs.map((config) => config.name)).toEqual([
      'database',
      'weather',
      'translation',
      'analytics',
    ]);
    expect(configs[0]?.command).toBe(process.execPath);
    expect(configs[0]?.args).toEqual([CONDUIT_BIN, 'database', '--transport', 'stdio']);
  });

  it('keeps model keys from the servers', () => {
    const [config] = defaultServerConfig({
      OPENAI_API_KEY: 'sk-1',
      WEATHER_BASE_URL: 'http://127.0.0.1:9',
    });
    expect(config?.env).toEqual({ WEATHER_BASE_URL: 'http://127.0.0.1:9' });
  });
});
