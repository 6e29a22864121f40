import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as V1StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, it } from 'vitest';
import { CLI_PATH, assertBuilt, stopChild } from '../support/cli.ts';

const ECHO_CLI = fileURLToPath(new URL('../fixtures/echo-cli.ts', import.meta.url));
const NODE_ARGS = ['--import', 'tsx', ECHO_CLI];
const MODERN = { versionNegotiation: { mode: { pin: '2026-07-28' } } } as const;

function collect(stream: NodeJS.ReadableStream): () => string {
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    text += chunk;
  });
  return () => text;
}

describe('stdio transport', () => {
  it('serves a 2026-era client', async () => {
    const client = new Client({ name: 'modern', version: '1.0.0' }, MODERN);
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [...NODE_ARGS, 'echo', '--prefix', '> '],
      stderr: 'pipe',
    });
    await client.connect(transport);
    const result = await client.callTool({ name: 'echo', arguments: { text: '上海' } });
    expect(result.structuredContent).toEqual({ echoed: '> 上海' });
    await client.close();
  });

  it('serves a 2025-era client', async () => {
    const client = new V1Client({ name: 'legacy', version: '1.0.0' });
    const transport = new V1StdioClientTransport({
      command: process.execPath,
      args: [...NODE_ARGS, 'echo'],
      stderr: 'pipe',
    });
    await client.connect(transport);
    expect(client.getServerVersion()?.name).toBe('conduit-echo');
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(['echo', 'fail']);
    await client.close();
  });

  it('writes only JSON-RPC to stdout and survives a malformed line', async () => {
    const child = spawn(process.execPath, [...NODE_ARGS, 'echo', '--log-level', 'debug'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout = collect(child.stdout);
    const stderr = collect(child.stderr);
    try {
      child.stdin.write('{"jsonrpc":"2.0","id":1,"method":\n');
      child.stdin.write(
        JSON.stringify({
          jsonrpc: '2.0',
          id: 2,
          method: 'initialize',
          params: {
            protocolVersion: '2025-06-18',
            capabilities: {},
            clientInfo: { name: 'raw', version: '1' },
          },
        }) + '\n',
      );
      await expect.poll(() => stdout().includes('"id":2'), { timeout: 15_000 }).toBe(true);

      const lines = stdout().trim().split('\n');
      for (const line of lines) expect(JSON.parse(line)).toHaveProperty('jsonrpc', '2.0');
      expect(lines.some((line) => line.includes('"id":2') && line.includes('conduit-echo'))).toBe(
        true,
      );
      expect(stderr()).toContain('"msg":"starting"');
    } finally {
      await stopChild(child);
    }
  });

  it('exits cleanly when stdin closes', async () => {
    const child = spawn(process.execPath, [...NODE_ARGS, 'echo'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stderr = collect(child.stderr);
    await expect.poll(() => stderr().includes('server ready'), { timeout: 15_000 }).toBe(true);
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    child.stdin.end();
    expect(await exited).toBe(0);
    expect(stderr()).toContain('"reason":"stdin closed"');
  });

  it('exits cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [...NODE_ARGS, 'echo'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stderr = collect(child.stderr);
    await expect.poll(() => stderr().includes('server ready'), { timeout: 15_000 }).toBe(true);
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr()).toContain('"reason":"SIGTERM"');
  });

  it('stops over HTTP on SIGINT', async () => {
    const child = spawn(
      process.execPath,
      [...NODE_ARGS, 'echo', '--transport', 'http', '--port', '0'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const stderr = collect(child.stderr);
    await expect.poll(() => stderr().includes('server ready'), { timeout: 15_000 }).toBe(true);
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});

describe('command line', () => {
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, [...NODE_ARGS, ...args], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });

  it('rejects an invalid option naming flag, value and rule', () => {
    const result = run(['echo', '--prefix', 'x'.repeat(30)]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--prefix');
    expect(result.stderr).toContain('expected at most 20 characters');
    expect(result.stdout).toBe('');
  });

  it('names the environment variable of an invalid value', () => {
    const result = run(['echo'], { CONDUIT_TRANSPORT: 'carrier-pigeon' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('CONDUIT_TRANSPORT: "carrier-pigeon"');
    expect(result.stderr).toContain('expected stdio or http');
  });

  it('refuses a public bind without a token', () => {
    const result = run(['echo', '--transport', 'http', '--host', '0.0.0.0', '--port', '0']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--auth-token');
  });

  it('reports a busy port without a stack trace', async () => {
    const { createServer } = await import('node:net');
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = String((holder.address() as { port: number }).port);
    try {
      const result = run(['echo', '--transport', 'http', '--port', port]);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(result.stderr).not.toContain('    at ');
    } finally {
      holder.close();
    }
  });

  it('logs settings with their sources and no secrets', async () => {
    const child = spawn(
      process.execPath,
      [
        ...NODE_ARGS,
        'echo',
        '--transport',
        'http',
        '--port',
        '0',
        '--auth-token',
        'very-secret-token-123',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ECHO_PREFIX: '>' },
      },
    );
    const stderr = collect(child.stderr);
    try {
      await expect.poll(() => stderr().includes('server ready'), { timeout: 15_000 }).toBe(true);
      expect(stderr()).toContain('"prefix":{"value":">","source":"env ECHO_PREFIX"}');
      expect(stderr()).toContain(
        '"auth-token":{"value":"[redacted]","source":"flag --auth-token"}',
      );
      expect(stderr()).not.toContain('very-secret-token-123');
    } finally {
      await stopChild(child);
    }
  });

  it('prints help and version from the built bundle', () => {
    assertBuilt();
    const help = spawnSync(process.execPath, [CLI_PATH, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: conduit <command>');
    expect(help.stdout).toContain('serve');

    const version = spawnSync(process.execPath, [CLI_PATH, '--version'], { encoding: 'utf8' });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);

    const unknown = spawnSync(process.execPath, [CLI_PATH, 'frobnicate'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
  });
});
