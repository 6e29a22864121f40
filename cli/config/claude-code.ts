import { shellLine } from './shell.ts';
import { entriesByKey, stdioEntry } from './entries.ts';
import type { Host, ServerLaunch } from './types.ts';

function addCommand(launch: ServerLaunch): string {
  if (launch.url) {
    return shellLine(['claude', 'mcp', 'add', '--transport', 'http', launch.key, launch.url]);
  }
  const { command, args } = stdioEntry(launch);
  return shellLine(['claude', 'mcp', 'add', launch.key, '--', command, ...args]);
}

function projectEntry(launch: ServerLaunch): Record<string, unknown> {
  if (launch.url) return { type: 'http', url: launch.url };
  return stdioEntry(launch);
}

export const claudeCode: Host = {
  title: 'Claude Code',
  httpUnsupported: null,
  guide(launches) {
    return {
      snippets: [
        {
          kind: 'shell',
          caption: 'Add the servers for yourself in the current project:',
          lines: launches.map(addCommand),
        },
        {
          kind: 'json',
          caption: 'Or share them with everyone on the project in .mcp.json at its root:',
          value: {
            mcpServers: entriesByKey(launches, projectEntry),
          },
        },
      ],
      locations: [
        {
          where: 'project',
          path: '.mcp.json at the project root (claude mcp add --scope project)',
        },
        { where: 'macOS, Linux', path: '~/.claude.json (claude mcp add --scope user or local)' },
        { where: 'Windows', path: '%USERPROFILE%\\.claude.json' },
      ],
      notes: ['Run "claude mcp list" to check that each server connects.'],
    };
  },
};
