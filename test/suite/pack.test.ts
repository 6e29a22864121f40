import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servers } from '../../cli/registry.ts';
import { assertBuilt } from '../support/cli.ts';
import { serverEnv } from './targets.ts';

// Installing the tarball downloads every dependency from the npm registry and
// compiles better-sqlite3, which takes minutes, so this suite runs only on request.
const enabled = process.env.CONDUIT_TEST_PACK === '1' || process.env.CI === 'true';
if (!enabled) {
  process.stderr.write('skipping the npm pack test: set CONDUIT_TEST_PACK=1 to run it\n');
}

const ROOT = path.resolve(import.meta.dirname, '../..');
const INSTALL_TIMEOUT_MS = 10 * 60_000;
const run = promisify(execFile);

interface PackResult {
  filename: string;
  files: { path: string }[];
}

describe.skipIf(!enabled)('npm pack', () => {
  let folder = '';
  let app = '';
  let packed: PackResult;

  beforeAll(async () => {
    assertBuilt();
    folder = await mkdtemp(path.join(os.tmpdir(), 'conduit-pack-'));
    app = path.join(folder, 'app');

    // --ignore-scripts keeps "prepare" from rebuilding dist/ while other suites run it.
    const { stdout } = await run(
      'npm',
      ['pack', '--json', '--ignore-scripts', '--pack-destination', folder],
      { cwd: ROOT },
    );
    packed = (JSON.parse(stdout) as PackResult[])[0] as PackResult;

    await mkdir(app);
    await writeFile(
      path.join(app, 'package.json'),
      JSON.stringify({ name: 'conduit-pack-check', version: '1.0.0', private: true }),
    );
    await run(
      'npm',
      [
        'install',
        path.join(folder, packed.filename),
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
      ],
      { cwd: app, timeout: INSTALL_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
    );
  }, INSTALL_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('contains the bundle', () => {
    const paths = packed.files.map((file) => file.path);
    expect(paths).toContain('package.json');
    expect(paths).toContain('dist/conduit.js');
  });

  it('contains nothing but the bundle and docs', () => {
    const allowed =
      /^(package\.json|README(\.zh-CN)?\.md|LICENSE|docs\/[^/]+\.md|docs\/images\/[^/]+\.(png|svg)|dist\/[^/]+\.(js|LEGAL\.txt))$/;
    const unexpected = packed.files.map((file) => file.path).filter((file) => !allowed.test(file));
    expect(unexpected).toEqual([]);
  });

  it('installed conduit prints its version', async () => {
    const manifest = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };

    const { stdout } = await run(path.join(app, 'node_modules', '.bin', 'conduit'), ['--version']);

    expect(stdout.trim()).toBe(manifest.version);
  });

  it.skipIf(!('database' in servers))('npx conduit database lists tables', async () => {
    const transport = new StdioClientTransport({
      command: 'npx',
      args: ['conduit', 'database'],
      cwd: app,
      // A data folder of its own, so the demo database is generated as on a first run.
      env: serverEnv(undefined, path.join(folder, 'data')),
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const client = new Client({ name: 'conduit-pack-test', version: '1.0.0' });

    try {
      await client.connect(transport);
      const result = await client.callTool({ name: 'list_tables', arguments: {} });
      expect(result.isError ?? false).toBe(false);
      const text = (result.content as { type: string; text?: string }[])[0]?.text ?? '';
      expect(text).toMatch(/orders/);
    } catch (error) {
      console.error(stderr);
      throw error;
    } finally {
      await client.close();
    }
  });
});
