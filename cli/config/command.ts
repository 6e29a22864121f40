import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError } from '../../shared/config/options.ts';
import type { CommandEntry } from '../commands.ts';
import { hosts } from './hosts.ts';
import { buildLaunches, builtScriptPath, LAUNCH_MODES, type LaunchMode } from './launch.ts';
import { renderGuide } from './render.ts';

const USAGE = 'conduit config <host> [server|all] [--http URL] [--launch conduit|node|npx]';

function helpText(serverNames: readonly string[]): string {
  return [
    `Usage: ${USAGE}`,
    '',
    'Prints configuration to paste into an MCP host, and where its file lives.',
    '',
    `Hosts:    ${Object.keys(hosts).join(', ')}`,
    `Servers:  ${serverNames.join(', ') || '(none registered)'}, or all (the default)`,
    '',
    'Options:',
    '  --http URL         connect over Streamable HTTP instead of launching a process;',
    '                     URL is the base of "conduit serve" (each server under /<server>/mcp)',
    '                     or, for one server, its own endpoint ending in /mcp',
    '  --launch conduit   start servers with the "conduit" command on the PATH (default;',
    '                     after npm install -g)',
    '  --launch node      start servers with this Node.js and this copy of dist/conduit.js,',
    '                     as absolute paths (for a clone, or hosts that miss your PATH)',
    '  --launch npx       start servers with "npx -y conduit-mcp@VERSION", which downloads',
    '                     the package from the npm registry',
  ].join('\n');
}

function parseLaunchMode(value: string | undefined): LaunchMode {
  if (value === undefined) return 'conduit';
  const mode = LAUNCH_MODES.find((candidate) => candidate === value);
  if (!mode) {
    throw new ConfigError(`--launch "${value}" is not one of ${LAUNCH_MODES.join(', ')}.`);
  }
  return mode;
}

function selectServers(requested: string | undefined, registered: readonly string[]): string[] {
  if (registered.length === 0) {
    throw new ConfigError('No servers are registered in this build of conduit.');
  }
  if (requested === undefined || requested === 'all') return [...registered];
  if (!registered.includes(requested)) {
    throw new ConfigError(
      `Unknown server "${requested}". Choose one of ${registered.join(', ')}, or all.`,
    );
  }
  return [requested];
}

export const configCommand: CommandEntry = {
  summary: 'print configuration for Claude Desktop, Claude Code, Cursor, VS Code or Windsurf',
  usage: USAGE,

  async run(argv, context) {
    const registered = Object.keys(context.servers);
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          http: { type: 'string' },
          launch: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      });
    } catch (error) {
      throw new ConfigError(`${(error as Error).message}. Usage: ${USAGE}`);
    }

    const { values, positionals } = parsed;
    if (values.help) {
      context.output.out(helpText(registered));
      return 0;
    }

    const [hostName, serverName, ...extra] = positionals;
    if (hostName === undefined) {
      context.output.err(`Name a host. Usage: ${USAGE}\nHosts: ${Object.keys(hosts).join(', ')}`);
      return 2;
    }
    const host = hosts[hostName];
    if (!host) {
      throw new ConfigError(
        `Unknown host "${hostName}". Choose one of ${Object.keys(hosts).join(', ')}.`,
      );
    }
    if (extra.length > 0) {
      throw new ConfigError(`Unexpected argument "${extra[0]}". Usage: ${USAGE}`);
    }
    if (values.http !== undefined && host.httpUnsupported) {
      throw new ConfigError(host.httpUnsupported);
    }
    if (values.http !== undefined && values.launch !== undefined) {
      throw new ConfigError('--launch sets how a process is started, so it cannot go with --http.');
    }

    const mode = parseLaunchMode(values.launch);
    const launches = buildLaunches(selectServers(serverName, registered), {
      mode,
      httpUrl: values.http,
    });
    if (mode === 'node' && values.http === undefined && !existsSync(builtScriptPath())) {
      context.output.err(`${builtScriptPath()} does not exist yet. Run "npm run build" first.`);
    }
    context.output.out(renderGuide(host, host.guide(launches)));
    return 0;
  },
};
