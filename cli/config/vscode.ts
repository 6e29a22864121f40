import { entriesByKey, stdioEntry } from './entries.ts';
import type { Host, ServerLaunch } from './types.ts';

function entry(launch: ServerLaunch): Record<string, unknown> {
  if (launch.url) return { type: 'http', url: launch.url };
  return { type: 'stdio', ...stdioEntry(launch) };
}

export const vscode: Host = {
  title: 'VS Code',
  httpUnsupported: null,
  guide(launches) {
    return {
      snippets: [
        {
          kind: 'json',
          caption: 'Merge into .vscode/mcp.json (its top-level key is "servers"):',
          value: {
            servers: entriesByKey(launches, entry),
          },
        },
      ],
      locations: [
        { where: 'workspace', path: '.vscode/mcp.json in the workspace folder' },
        { where: 'macOS', path: '~/Library/Application Support/Code/User/mcp.json' },
        { where: 'Windows', path: '%APPDATA%\\Code\\User\\mcp.json' },
        { where: 'Linux', path: '~/.config/Code/User/mcp.json' },
      ],
      notes: ['The command "MCP: Open User Configuration" opens the user file.'],
    };
  },
};
