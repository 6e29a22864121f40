import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chooseProbe,
  serverEnv,
  serverTargets,
  startHttpTarget,
  startUpstreams,
  type ProbeCall,
  type RunningTarget,
  type Upstreams,
} from './targets.ts';

// The MCP Inspector 0.15.0 is the newest release that runs on Node 20. Its
// command-line mode prints each result as JSON on stdout.
const INSPECTOR = createRequire(import.meta.url).resolve(
  '@modelcontextprotocol/inspector/cli/build/cli.js',
);
const run = promisify(execFile);

interface ListedTools {
  tools: Parameters<typeof chooseProbe>[0];
}
interface CallResult {
  isError?: boolean;
  content: { type: string; text?: string }[];
}

let upstreams: Upstreams;
beforeAll(async () => {
  upstreams = await startUpstreams();
});
afterAll(async () => {
  await upstreams?.close();
});

/** Runs `mcp-inspector --cli <connection> --method ...` and parses what it prints. */
async function inspect<T>(connection: string[], method: string[]): Promise<T> {
  const { stdout } = await run(process.execPath, [INSPECTOR, '--cli', ...connection, ...method], {
    env: serverEnv(upstreams),
    timeout: 30_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as T;
}

function callArguments(probe: ProbeCall): string[] {
  const pairs = Object.entries(probe.arguments).map(([key, value]) => `${key}=${value}`);
  const toolArguments = pairs.length > 0 ? ['--tool-arg', ...pairs] : [];
  return ['--method', 'tools/call', '--tool-name', probe.name, ...toolArguments];
}

async function listAndCall(connection: string[]): Promise<void> {
  const listed = await inspect<ListedTools>(connection, ['--method', 'tools/list']);
  expect(listed.tools.length).toBeGreaterThan(0);

  const probe = chooseProbe(listed.tools);
  const result = await inspect<CallResult>(connection, callArguments(probe));
  expect(result.isError ?? false, result.content[0]?.text).toBe(probe.expectError);
  expect(result.content[0]?.type).toBe('text');
  if (probe.expectText) expect(result.content[0]?.text).toMatch(probe.expectText);
}

describe.each(serverTargets())('MCP Inspector CLI with $name', (target) => {
  it('lists and calls over stdio', async () => {
    await listAndCall([target.command, ...target.args]);
  });

  describe('over HTTP', () => {
    let server: RunningTarget;
    beforeAll(async () => {
      server = await startHttpTarget(target, upstreams);
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('lists and calls over Streamable HTTP', async () => {
      await listAndCall([`${server.url}/mcp`, '--transport', 'http']).catch((error: unknown) => {
        console.error(server.log());
        throw error;
      });
    });

    it('lists and calls over legacy SSE', async () => {
      await listAndCall([`${server.url}/sse`, '--transport', 'sse']).catch((error: unknown) => {
        console.error(server.log());
        throw error;
      });
    });
  });
});
