import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { servers } from '../../cli/registry.ts';
import { assertBuilt } from '../support/cli.ts';
import { captureOutput, printedSnippets } from './capture.ts';
import { serverEnv, startUpstreams, type Upstreams } from './targets.ts';

// The MCP Inspector reads the mcpServers format of Claude Desktop, so it can
// start a server exactly as a pasted configuration would.
const INSPECTOR = createRequire(import.meta.url).resolve(
  '@modelcontextprotocol/inspector/cli/build/cli.js',
);
const run = promisify(execFile);
const names = Object.keys(servers);

describe.skipIf(names.length === 0)('configuration from conduit config', () => {
  let folder = '';
  let configFile = '';
  let upstreams: Upstreams;

  beforeAll(async () => {
    assertBuilt();
    upstreams = await startUpstreams();
    const output = captureOutput();
    const code = await main(['config', 'claude-desktop', '--launch', 'node'], {}, servers, output);
    expect(code).toBe(0);

    folder = await mkdtemp(path.join(os.tmpdir(), 'conduit-config-'));
    configFile = path.join(folder, 'claude_desktop_config.json');
    await writeFile(configFile, JSON.stringify(printedSnippets(output.stdout).json[0]));
  });

  afterAll(async () => {
    await upstreams?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it.each(names)('starts %s for the Inspector', async (name) => {
    const { stdout } = await run(
      process.execPath,
      [
        INSPECTOR,
        '--cli',
        '--config',
        configFile,
        '--server',
        `conduit-${name}`,
        '--method',
        'tools/list',
      ],
      { env: serverEnv(upstreams), timeout: 30_000, maxBuffer: 16 * 1024 * 1024 },
    );

    const listed = JSON.parse(stdout) as { tools: { name: string }[] };
    expect(listed.tools.length).toBeGreaterThan(0);
  });
});
