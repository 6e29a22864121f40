import type { Host, HostGuide, Snippet } from './types.ts';

function renderSnippet(snippet: Snippet): string {
  const body =
    snippet.kind === 'json' ? JSON.stringify(snippet.value, null, 2) : snippet.lines.join('\n');
  return `${snippet.caption}\n\n${body}\n`;
}

/**
 * Renders the text `conduit config` prints. Snippets stand alone on their lines, with
 * nothing around them, so they can be copied as they are.
 */
export function renderGuide(host: Host, guide: HostGuide): string {
  const width = Math.max(...guide.locations.map((location) => location.where.length)) + 2;
  const locations = guide.locations.map(
    (location) => `  ${location.where.padEnd(width)}${location.path}`,
  );
  return [
    `${host.title}`,
    '',
    ...guide.snippets.map(renderSnippet),
    'Where the file lives:',
    ...locations,
    '',
    ...guide.notes,
  ].join('\n');
}
