import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, CLI_PATH, startHttpCli } from '../support/cli.ts';
import type { ToolResult } from './client.ts';
import { pngSize } from './svg.ts';

describe('conduit analytics command', () => {
  let home: string;
  let imports: string;
  let stderr = '';

  beforeAll(() => {
    assertBuilt();
    home = mkdtempSync(path.join(tmpdir(), 'analytics-cli-'));
    imports = mkdtempSync(path.join(tmpdir(), 'analytics-cli-imports-'));
  });
  afterAll(() => {
    rmSync(home, { recursive: true, force: true });
    rmSync(imports, { recursive: true, force: true });
  });

  it('analyses the demo shop over stdio', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI_PATH, 'analytics', '--data-dir', imports, '--log-level', 'info'],
      env: { ...process.env, CONDUIT_DATA_DIR: home } as Record<string, string>,
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const client = new Client({ name: 'analytics-cli-test', version: '1.0.0' });
    try {
      await client.connect(transport);
      const call = async (name: string, args: Record<string, unknown>) =>
        (await client.callTool({ name, arguments: args })) as ToolResult;

      const datasets = await call('list_datasets', {});
      const tables = (datasets.structuredContent?.datasets as { table: string }[]).map(
        (entry) => entry.table,
      );
      expect(tables, stderr).toEqual(
        expect.arrayContaining(['orders', 'order_revenue', 'products']),
      );

      const progress: number[] = [];
      writeFileSync(
        path.join(imports, 'visits.ndjson'),
        [
          '{"city":"北京","visits":3}',
          '{"city":"Lyon","visits":5}',
          '{"city":"Lyon","visits":null}',
        ].join('\n'),
      );
      const imported = (await client.callTool(
        { name: 'import_file', arguments: { path: 'visits.ndjson' } },
        { onprogress: (update) => void progress.push(update.progress) },
      )) as ToolResult;
      expect(imported.structuredContent?.rows, stderr).toBe(3);
      expect(progress.length).toBeGreaterThan(0);

      const chart = await call('chart', {
        dataset: { table: 'order_revenue' },
        type: 'line',
        x: 'ordered_at',
        y: 'revenue',
        interval: 'quarter',
        timeZone: 'Asia/Shanghai',
      });
      expect(chart.isError, stderr).toBeFalsy();
      const image = chart.content.find((block) => block.type === 'image');
      expect(pngSize(Buffer.from(image?.data ?? '', 'base64'))).not.toBeNull();
    } finally {
      await client.close();
    }
    expect(stderr).not.toContain('"level":50');
  });

  it('answers over HTTP', async () => {
    const server = await startHttpCli(['analytics', '--transport', 'http', '--port', '0'], {
      CONDUIT_DATA_DIR: home,
    });
    const client = new Client({ name: 'analytics-http-test', version: '1.0.0' });
    try {
      await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`)));
      const result = (await client.callTool({
        name: 'aggregate',
        arguments: {
          dataset: { table: 'customers' },
          groupBy: ['country_code'],
          orderBy: [{ by: 'count', direction: 'desc' }],
          limit: 3,
        },
      })) as ToolResult;
      expect(result.isError, server.log()).toBeFalsy();
      expect((result.structuredContent?.rows as unknown[]).length).toBe(3);
    } finally {
      await client.close();
      await server.stop();
    }
  });
});
