import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../shared/config/options.ts';
import { packageVersion } from '../version.ts';
import type { ServerLaunch } from './types.ts';

export const LAUNCH_MODES = ['conduit', 'node', 'npx'] as const;
export type LaunchMode = (typeof LAUNCH_MODES)[number];

export interface LaunchOptions {
  mode: LaunchMode;
  /** Base URL of `conduit serve`, or the `/mcp` endpoint of one server. */
  httpUrl?: string | undefined;
}

/** Returns the package folder: the nearest parent of this file that contains package.json. */
function packageRoot(): string {
  let folder = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(folder, 'package.json'))) {
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error('package.json of conduit-mcp was not found');
    folder = parent;
  }
  return folder;
}

/** Returns the absolute path of the bundle this installation runs. */
export function builtScriptPath(): string {
  return path.join(packageRoot(), 'dist', 'conduit.js');
}

function stdioCommand(mode: LaunchMode, server: string): { command: string; args: string[] } {
  switch (mode) {
    case 'conduit':
      return { command: 'conduit', args: [server] };
    case 'node':
      // The absolute path of this Node.js, because hosts started from a
      // desktop menu often do not see the PATH of a login shell.
      return { command: process.execPath, args: [builtScriptPath(), server] };
    case 'npx':
      return { command: 'npx', args: ['-y', `conduit-mcp@${packageVersion()}`, server] };
  }
}

function parseHttpUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(
      `--http "${text}" is not a URL. Give the address of "conduit serve", such as http://127.0.0.1:3000.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`--http "${text}" must start with http:// or https://.`);
  }
  return url;
}

/**
 * Streamable HTTP endpoint of one server. A URL ending in /mcp is taken as
 * the endpoint of a single `conduit <server> --transport http`; any other URL
 * as the base of `conduit serve`, which mounts each server at /<server>/mcp.
 */
function endpointFor(base: URL, server: string, serverCount: number): string {
  const pathname = base.pathname.replace(/\/+$/, '');
  if (pathname.endsWith('/mcp')) {
    if (serverCount > 1) {
      throw new ConfigError(
        `--http ${base.href} names one endpoint, but ${serverCount} servers were selected. ` +
          'Name one server, or give the base URL of "conduit serve" (such as http://127.0.0.1:3000).',
      );
    }
    return `${base.origin}${pathname}${base.search}`;
  }
  return `${base.origin}${pathname}/${server}/mcp`;
}

export function buildLaunches(servers: readonly string[], options: LaunchOptions): ServerLaunch[] {
  const base = options.httpUrl === undefined ? undefined : parseHttpUrl(options.httpUrl);
  return servers.map((server) => {
    const key = `conduit-${server}`;
    if (base) return { key, server, url: endpointFor(base, server, servers.length) };
    return { key, server, stdio: stdioCommand(options.mode, server) };
  });
}
