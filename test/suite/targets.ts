import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { servers } from '../../cli/registry.ts';
import { startMymemoryStandIn, type ProviderStandIn } from '../translation/support/providers.ts';
import {
  startOpenMeteoStandIn,
  type OpenMeteoStandIn,
} from '../weather/support/open-meteo-stand-in.ts';
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
 * Lists every server in the registry, started from the built bundle. With an
 * empty registry the echo fixture replaces them, so the client tests still run.
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

/** Local replacements for the public APIs the servers call. */
export interface Upstreams {
  openMeteo: OpenMeteoStandIn;
  mymemory: ProviderStandIn;
  close(): Promise<void>;
}

export async function startUpstreams(): Promise<Upstreams> {
  const openMeteo = await startOpenMeteoStandIn();
  const mymemory = await startMymemoryStandIn();
  return {
    openMeteo,
    mymemory,
    close: async () => {
      await Promise.all([openMeteo.close(), mymemory.close()]);
    },
  };
}

const UPSTREAM_VARIABLES = /^(CONDUIT|OPEN_METEO|MYMEMORY|DEEPL|LIBRETRANSLATE)_/;

/**
 * Environment for spawned servers: quiet logs, public APIs replaced by the
 * local stand-ins, and a data folder under the system's temporary folder, so
 * the embedded demo database is not written into the user's home. Settings
 * inherited from the user's environment are dropped.
 */
export function serverEnv(
  upstreams?: Upstreams,
  dataDirectory = DATA_DIRECTORY,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !UPSTREAM_VARIABLES.test(key)) env[key] = value;
  }
  env.CONDUIT_LOG_LEVEL = 'warn';
  env.CONDUIT_DATA_DIR = dataDirectory;
  if (upstreams) {
    for (const name of ['BASE', 'GEOCODING', 'ARCHIVE', 'AIR_QUALITY']) {
      env[`OPEN_METEO_${name}_URL`] = upstreams.openMeteo.url;
    }
    env.MYMEMORY_URL = upstreams.mymemory.url;
    env.CONDUIT_TRANSLATION_PROVIDER = 'mymemory';
  }
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
  upstreams: Upstreams,
  timeoutMs = 20_000,
): Promise<RunningTarget> {
  const child: ChildProcess = spawn(
    target.command,
    [...target.args, '--transport', 'http', '--port', '0', '--log-level', 'info'],
    { env: serverEnv(upstreams), stdio: ['ignore', 'ignore', 'pipe'] },
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

/** A tool call a client makes, and what the server should return for it. */
export interface ProbeCall {
  name: string;
  arguments: Record<string, string>;
  expectError: boolean;
  /** Text the first content item must contain, when known. */
  expectText?: RegExp;
}

/** Calls that succeed against the embedded database and the stand-ins. */
const KNOWN_PROBES: Record<string, ProbeCall> = {
  echo: {
    name: 'echo',
    arguments: { text: 'hello from a client' },
    expectError: false,
    expectText: /^hello from a client$/,
  },
  list_tables: { name: 'list_tables', arguments: {}, expectError: false, expectText: /orders/ },
  geocode: {
    name: 'geocode',
    arguments: { name: 'Paris' },
    expectError: false,
    expectText: /Paris/,
  },
  translate: {
    name: 'translate',
    arguments: { text: 'Good morning', source: 'en', target: 'de' },
    expectError: false,
    expectText: /Guten Morgen/,
  },
  list_datasets: {
    name: 'list_datasets',
    arguments: {},
    expectError: false,
    expectText: /customers/,
  },
};

/**
 * Picks a call that reaches no outside service: a known call of the suite's
 * servers, else a closed-world tool without required input, else any tool
 * called without its required input, which the server must turn into an
 * isError result.
 */
export function chooseProbe(tools: readonly ListedTool[]): ProbeCall {
  const known = tools.map((tool) => KNOWN_PROBES[tool.name]).find((probe) => probe !== undefined);
  if (known) return known;

  const closed = tools.find(
    (tool) =>
      (tool.inputSchema.required ?? []).length === 0 && tool.annotations?.openWorldHint === false,
  );
  if (closed) return { name: closed.name, arguments: {}, expectError: false };

  const needsInput = tools.find((tool) => (tool.inputSchema.required ?? []).length > 0);
  if (needsInput) return { name: needsInput.name, arguments: {}, expectError: true };

  throw new Error(
    `no tool can be called without an outside service: ${tools.map((tool) => tool.name).join(', ')}`,
  );
}

/** The part of an MCP client, v1 or v2, that the probe needs. */
export interface ProbeClient {
  listTools(): Promise<{ tools: ListedTool[] }>;
  callTool(request: {
    name: string;
    arguments: Record<string, unknown>;
  }): Promise<Record<string, unknown>>;
}

/** Lists a connected server's tools and calls the probe tool, checking the result. */
export async function listAndCallProbe(client: ProbeClient): Promise<void> {
  const { tools } = await client.listTools();
  expect(tools.length).toBeGreaterThan(0);

  const probe = chooseProbe(tools);
  const result = await client.callTool({ name: probe.name, arguments: probe.arguments });
  const content = result.content as { type: string; text?: string }[];
  expect(result.isError === true, content[0]?.text).toBe(probe.expectError);
  expect(content[0]?.type).toBe('text');
  if (probe.expectText) expect(content[0]?.text).toMatch(probe.expectText);
}
