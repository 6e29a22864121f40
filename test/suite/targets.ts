import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { servers } from '../../cli/registry.ts';
import { assertBuilt, CLI_PATH, stopChild } from '../support/cli.ts';

const DATA_DIRECTORY = path.join(os.tmpdir(), 'conduit-suite-data');
const ECHO_CLI = fileURLToPath(new URL('../fixtures/echo-cli.ts', import.meta.url));

/** A server as a client launches it over stdio: `command ...args`. */
export interface ServerTarget {
  name: string;
  command: string;
  args: string[];
  /** True for the echo fixture, used while no real server is registered. */
  fixture: boolean;
}

/**
 * Every server in the registry, started from the built bundle. With an empty
 * registry the echo fixture replaces them, so the client tests still run.
 */
export function serverTargets(): ServerTarget[] {
  const names = Object.keys(servers);
  if (names.length === 0) {
    return [
      {
        name: 'echo',
        command: process.execPath,
        args: ['--import', 'tsx', ECHO_CLI, 'echo'],
        fixture: true,
      },
    ];
  }
  assertBuilt();
  return names.map((name) => ({
    name,
    command: process.execPath,
    args: [CLI_PATH, name],
    fixture: false,
  }));
}

/**
 * Environment for spawned servers: quiet logs, no inherited Conduit settings,
 * and a data folder under the system's temporary folder, so the embedded demo
 * database is not written into the user's home.
 */
export function serverEnv(dataDirectory = DATA_DIRECTORY): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('CONDUIT_')) env[key] = value;
  }
  env.CONDUIT_LOG_LEVEL = 'warn';
  env.CONDUIT_DATA_DIR = dataDirectory;
  return env;
}

export interface RunningTarget {
  /** Base URL, such as http://127.0.0.1:41234; the endpoints are /mcp and /sse. */
  url: string;
  log(): string;
  stop(): Promise<void>;
}

/** Starts a target over HTTP on a free port and waits for its "server ready" log line. */
export async function startHttpTarget(
  target: ServerTarget,
  timeoutMs = 20_000,
): Promise<RunningTarget> {
  const child: ChildProcess = spawn(
    target.command,
    [...target.args, '--transport', 'http', '--port', '0', '--log-level', 'info'],
    { env: serverEnv(), stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stopChild(child);
      reject(new Error(`${target.name} did not start in ${timeoutMs} ms:\n${stderr}`));
    }, timeoutMs);
    child.stderr?.on('data', () => {
      const match = /"url":"(http:\/\/[^"]+)\/mcp"/.exec(stderr);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${target.name} exited with code ${code} before it was ready:\n${stderr}`));
    });
  });

  return { url, log: () => stderr, stop: () => stopChild(child) };
}

interface ListedTool {
  name: string;
  inputSchema: { required?: string[] };
  annotations?: { openWorldHint?: boolean };
}

/** A tool call a client makes, and whether the server should return isError for it. */
export interface ProbeCall {
  name: string;
  arguments: Record<string, string>;
  expectError: boolean;
}

/**
 * Picks a call that needs no outside service: the echo tool of the fixture,
 * else a closed-world tool without required input, else any tool called
 * without its required input, which the server must turn into an isError result.
 */
export function chooseProbe(tools: readonly ListedTool[]): ProbeCall {
  if (tools.some((tool) => tool.name === 'echo')) {
    return { name: 'echo', arguments: { text: 'hello from a client' }, expectError: false };
  }
  const closed = tools.find(
    (tool) =>
      (tool.inputSchema.required ?? []).length === 0 && tool.annotations?.openWorldHint === false,
  );
  if (closed) return { name: closed.name, arguments: {}, expectError: false };

  const needsInput = tools.find((tool) => (tool.inputSchema.required ?? []).length > 0);
  if (needsInput) return { name: needsInput.name, arguments: {}, expectError: true };

  throw new Error(
    `no tool can be called without an outside service: ${tools.map((t) => t.name).join(', ')}`,
  );
}
