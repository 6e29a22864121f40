import { entriesByKey, stdioEntry } from './entries.ts';
import type { Host } from './types.ts';

export const claudeDesktop: Host = {
  title: 'Claude Desktop',
  httpUnsupported:
    'The configuration file of Claude Desktop starts stdio servers only. Leave out --http to print the stdio form.',
  guide(launches) {
    return {
      snippets: [
        {
          kind: 'json',
          caption: 'Merge into claude_desktop_config.json:',
          value: {
            mcpServers: entriesByKey(launches, stdioEntry),
          },
        },
      ],
      locations: [
        { where: 'macOS', path: '~/Library/Application Support/Claude/claude_desktop_config.json' },
        { where: 'Windows', path: '%APPDATA%\\Claude\\claude_desktop_config.json' },
        {
          where: 'Linux',
          path: '~/.config/Claude/claude_desktop_config.json (unofficial builds; Anthropic ships none for Linux)',
        },
      ],
      notes: ['Quit Claude Desktop completely and start it again to load the servers.'],
    };
  },
};
