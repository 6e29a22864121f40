import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const stdioEntry = z.object({
  type: z.literal('stdio').optional(),
  command: z.string().min(1, 'command must not be empty'),
  args: z.array(z.string()).default([]),
  env: z.record(z.string(), z.string()).default({}),
  cwd: z.string().optional(),
  disabled: z.boolean().optional(),
});

const httpEntry = z.object({
  type: z.enum(['http', 'streamable-http', 'streamableHttp', 'sse']).optional(),
  url: z.url('url must be an absolute http(s) URL'),
  headers: z.record(z.string(), z.string()).default({}),
  disabled: z.boolean().optional(),
});

const entry = z.union([stdioEntry, httpEntry], {
  error: 'each server needs either "command" (stdio) or "url" (HTTP)',
});

/** The file hosts already use: `mcpServers` (Claude Desktop, Cursor) or `servers` (VS Code). */
const configFile = z
  .object({
    mcpServers: z.record(z.string(), entry).optional(),
    servers: z.record(z.string(), entry).optional(),
  })
  .refine((file) => file.mcpServers !== undefined || file.servers !== undefined, {
    message: 'expected a "mcpServers" or "servers" object',
  });

export type StdioServerConfig = {
  name: string;
  transport: 'stdio';
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string | undefined;
};

export type HttpServerConfig = {
  name: string;
  transport: 'http' | 'sse';
  url: string;
  headers: Record<string, string>;
};

export type ServerConfig = StdioServerConfig | HttpServerConfig;

export class ServerConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServerConfigError';
  }
}

function toServerConfig(name: string, value: z.output<typeof entry>): ServerConfig {
  if ('command' in value) {
    return {
      name,
      transport: 'stdio',
      command: value.command,
      args: value.args,
      env: value.env,
      cwd: value.cwd,
    };
  }
  return {
    name,
    transport: value.type === 'sse' ? 'sse' : 'http',
    url: value.url,
    headers: value.headers,
  };
}

/** Parses the text of a server file; `source` names it in error messages. */
export function parseServerConfig(text: string, source: string): ServerConfig[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ServerConfigError(`${source} is not valid JSON: ${(error as Error).message}`);
  }

  const parsed = configFile.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`,
    );
    throw new ServerConfigError(`${source} is not a valid server file: ${problems.join('; ')}`);
  }

  const entries = { ...parsed.data.servers, ...parsed.data.mcpServers };
  return Object.entries(entries)
    .filter(([, value]) => value.disabled !== true)
    .map(([name, value]) => toServerConfig(name, value));
}

export async function loadServerConfig(path: string): Promise<ServerConfig[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ServerConfigError(
      `Cannot read the server file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  return parseServerConfig(text, path);
}

export const CONDUIT_SERVERS = ['database', 'weather', 'translation', 'analytics'] as const;

/**
 * The built command. This file and the bundle's chunks in `dist/` both sit
 * one level below the package root, so the same relative URL works for both.
 */
export const CONDUIT_BIN = fileURLToPath(new URL('../dist/conduit.js', import.meta.url));

/** Model provider keys stay with the client; the servers have no use for them. */
const CLIENT_ONLY_VARIABLE = /^(OPENAI|ANTHROPIC|DEEPSEEK|DASHSCOPE|QWEN|VLLM|LMSTUDIO)_API_KEY$/;

/**
 * Returns the four Conduit servers over stdio, started with this same node binary.
 * The rest of `env` is passed on, so server options such as their base URLs
 * reach them.
 */
export function defaultServerConfig(env: NodeJS.ProcessEnv): StdioServerConfig[] {
  const childEnv = Object.fromEntries(
    Object.entries(env).filter(
      (pair): pair is [string, string] =>
        pair[1] !== undefined && !CLIENT_ONLY_VARIABLE.test(pair[0]),
    ),
  );
  return CONDUIT_SERVERS.map((name) => ({
    name,
    transport: 'stdio',
    command: process.execPath,
    args: [CONDUIT_BIN, name, '--transport', 'stdio'],
    env: childEnv,
  }));
}
