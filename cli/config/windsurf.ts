import { entriesByKey, stdioEntry } from './entries.ts';
import type { Host, ServerLaunch } from './types.ts';

function entry(launch: ServerLaunch): Record<string, unknown> {
  if (launch.url) return { serverUrl: launch.url };
  return stdioEntry(launch);
}

export const windsurf: Host = {
  title: 'Windsurf',
  httpUnsupported: null,
  guide(launches) {
    return {
      snippets: [
        {
          kind: 'json',
          caption: 'Merge into mcp_config.json:',
          value: {
            mcpServers: entriesByKey(launches, entry),
          },
        },
      ],
      locations: [
        { where: 'macOS, Linux', path: '~/.codeium/windsurf/mcp_config.json' },
        { where: 'Windows', path: '%USERPROFILE%\\.codeium\\windsurf\\mcp_config.json' },
      ],
      notes: ['Refresh the server list in the MCP panel of Cascade after saving.'],
    };
  },
};
