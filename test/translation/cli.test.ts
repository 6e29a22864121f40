import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, CLI_PATH, startHttpCli } from '../support/cli.ts';
import {
  DEEPL_TEST_KEY,
  startDeeplStandIn,
  startMymemoryStandIn,
  type ProviderStandIn,
} from './support/providers.ts';
import type { TranslateResult } from './support/results.ts';

let deepl: ProviderStandIn;
let mymemory: ProviderStandIn;

beforeAll(async () => {
  assertBuilt();
  deepl = await startDeeplStandIn();
  mymemory = await startMymemoryStandIn();
});

afterAll(async () => {
  await Promise.all([deepl?.close(), mymemory?.close()]);
});

function providerFlags(): string[] {
  return ['--provider', 'deepl,mymemory', '--deepl-url', deepl.url, '--mymemory-url', mymemory.url];
}

describe('conduit translation over HTTP', () => {
  it('falls back and hides the key', async () => {
    const server = await startHttpCli(
      ['translation', '--transport', 'http', '--port', '0', ...providerFlags()],
      { DEEPL_API_KEY: DEEPL_TEST_KEY },
    );
    const client = new Client({ name: 'translation-cli-test', version: '0.0.0' });
    try {
      await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`)));
      const tools = await client.listTools();
      expect(tools.tools.map((tool) => tool.name).sort()).toEqual([
        'detect_language',
        'list_languages',
        'translate',
      ]);
      for (const tool of tools.tools) {
        expect(tool.outputSchema, tool.name).toBeDefined();
        expect(tool.annotations?.readOnlyHint, tool.name).toBe(true);
      }

      deepl.fail = 'rate-limit';
      const result = await client.callTool({
        name: 'translate',
        arguments: { text: '你好，世界。', source: 'zh-CN', target: 'en' },
      });
      const structured = result.structuredContent as unknown as TranslateResult;
      expect(structured.provider, server.log()).toBe('mymemory');
      expect(structured.translations[0]?.translation).toBe('Hello, world.');
      expect(structured.fallbacks[0]?.code).toBe('RATE_LIMITED');
      expect(server.log()).not.toContain(DEEPL_TEST_KEY);
      expect(server.log()).toContain('[redacted]');
    } finally {
      deepl.fail = 'none';
      await client.close();
      await server.stop();
    }
  });
});

describe('conduit translation over stdio', () => {
  it('sends progress for long text', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI_PATH, 'translation', ...providerFlags()],
      env: { ...process.env, DEEPL_API_KEY: DEEPL_TEST_KEY, CONDUIT_LOG_LEVEL: 'warn' },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'translation-stdio-test', version: '0.0.0' });
    try {
      await client.connect(transport);
      deepl.fail = 'quota';
      const text = '我们去公园吧！'.repeat(40);
      const progress: number[] = [];
      const result = await client.callTool(
        { name: 'translate', arguments: { text, source: 'zh', target: 'en' } },
        { onprogress: (update) => progress.push(update.progress) },
      );
      const structured = result.structuredContent as unknown as TranslateResult;
      expect(structured.provider).toBe('mymemory');
      expect(structured.translations[0]?.pieces).toBeGreaterThan(1);
      expect(progress.length).toBe(structured.translations[0]?.pieces);
      expect(structured.translations[0]?.translation).toBe(
        Array.from({ length: 40 }, () => "Let's go to the park!").join(' '),
      );
    } finally {
      deepl.fail = 'none';
      await client.close();
    }
  });
});
