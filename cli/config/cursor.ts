import { entriesByKey, stdioEntry } from './entries.ts';
import type { Host, ServerLaunch } from './types.ts';

function entry(launch: ServerLaunch): Record<string, unknown> {
  if (launch.url) return { url: launch.url };
  return stdioEntry(launch);
}

export const cursor: Host = {
  title: 'Cursor',
  httpUnsupported: null,
  guide(launches) {
    return {
      snippets: [
        {
          kind: 'json',
          caption: 'Merge into mcp.json:',
          value: {
            mcpServers: entriesByKey(launches, entry),
          },
        },
      ],
      locations: [
        { where: 'project', path: '.cursor/mcp.json in the project folder' },
        { where: 'macOS, Linux', path: '~/.cursor/mcp.json' },
        { where: 'Windows', path: '%USERPROFILE%\\.cursor\\mcp.json' },
      ],
      notes: ['Cursor lists the servers under Settings, MCP, where each can be switched on.'],
    };
  },
};
