import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { quoteShellArgument } from '../../cli/config/shell.ts';
import { main } from '../../cli/main.ts';
import { servers } from '../../cli/registry.ts';
import { captureOutput, DOCUMENTED_SERVERS, printedSnippets, registryOf } from './capture.ts';

const HOSTS = ['claude-desktop', 'claude-code', 'cursor', 'vscode', 'windsurf'];
// The real registry once servers are registered; the documented names before.
const registry = Object.keys(servers).length > 0 ? servers : registryOf(DOCUMENTED_SERVERS);
const names = Object.keys(registry);

async function config(...argv: string[]) {
  const output = captureOutput();
  const code = await main(['config', ...argv], {}, registry, output);
  return { code, ...output, snippets: printedSnippets(output.stdout) };
}

/** Returns the server entries of a printed JSON snippet, under either top-level key. */
function entriesOf(snippet: unknown): Record<string, Record<string, unknown>> {
  const object = snippet as Record<string, Record<string, Record<string, unknown>>>;
  const entries = object.mcpServers ?? object.servers;
  if (!entries) throw new Error(`no mcpServers or servers key in ${JSON.stringify(snippet)}`);
  return entries;
}

describe('conduit config', () => {
  it.each(HOSTS)('%s lists every server by default', async (host) => {
    const result = await config(host);

    expect(result.code).toBe(0);
    const keys = Object.keys(entriesOf(result.snippets.json[0]));
    expect(keys).toEqual(names.map((name) => `conduit-${name}`));
  });

  it.each(HOSTS)('%s prints where the file lives', async (host) => {
    const result = await config(host);

    expect(result.stdout).toContain('Where the file lives:');
    expect(result.stdout).toMatch(/Windows/);
    expect(result.stdout).toMatch(/macOS/);
    expect(result.stdout).toMatch(/Linux/);
  });

  it('launches conduit over stdio by default', async () => {
    const result = await config('cursor', names[0] ?? '');

    const entry = entriesOf(result.snippets.json[0])[`conduit-${names[0]}`];
    expect(entry).toEqual({ command: 'conduit', args: [names[0]] });
  });

  it('vscode uses servers and a type', async () => {
    const result = await config('vscode', names[0] ?? '');

    const snippet = result.snippets.json[0] as Record<string, unknown>;
    expect(Object.keys(snippet)).toEqual(['servers']);
    expect(entriesOf(snippet)[`conduit-${names[0]}`]?.type).toBe('stdio');
  });

  it('claude-code prints one add command per server', async () => {
    const result = await config('claude-code');

    expect(result.snippets.shell).toEqual(
      names.map((name) => `claude mcp add conduit-${name} -- conduit ${name}`),
    );
  });

  it('launch node names this Node.js and the bundle', async () => {
    const result = await config('claude-desktop', names[0] ?? '', '--launch', 'node');

    const entry = entriesOf(result.snippets.json[0])[`conduit-${names[0]}`];
    expect(entry?.command).toBe(process.execPath);
    const args = entry?.args as string[];
    expect(args[0]).toMatch(/[/\\]dist[/\\]conduit\.js$/);
    expect(args[1]).toBe(names[0]);
    // The warning to build first is printed when, and only when, the bundle is missing.
    expect(result.stderr !== '').toBe(!existsSync(args[0] ?? ''));
  });

  it('launch npx pins this version', async () => {
    const result = await config('windsurf', names[0] ?? '', '--launch', 'npx');

    const entry = entriesOf(result.snippets.json[0])[`conduit-${names[0]}`];
    expect(entry?.command).toBe('npx');
    expect(entry?.args).toEqual([
      '-y',
      expect.stringMatching(/^conduit-mcp@\d+\.\d+\.\d+/),
      names[0],
    ]);
  });

  it('http base URL mounts each server', async () => {
    const result = await config('windsurf', 'all', '--http', 'http://127.0.0.1:3000/');

    const entries = entriesOf(result.snippets.json[0]);
    for (const name of names) {
      expect(entries[`conduit-${name}`]).toEqual({
        serverUrl: `http://127.0.0.1:3000/${name}/mcp`,
      });
    }
  });

  it('http endpoint URL is kept for one server', async () => {
    const result = await config('cursor', names[0] ?? '', '--http', 'http://127.0.0.1:3001/mcp');

    expect(entriesOf(result.snippets.json[0])[`conduit-${names[0]}`]).toEqual({
      url: 'http://127.0.0.1:3001/mcp',
    });
  });

  it('claude-code http adds with the http transport', async () => {
    const result = await config('claude-code', names[0] ?? '', '--http', 'http://127.0.0.1:3000');

    expect(result.snippets.shell).toEqual([
      `claude mcp add --transport http conduit-${names[0]} http://127.0.0.1:3000/${names[0]}/mcp`,
    ]);
    expect(entriesOf(result.snippets.json[0])[`conduit-${names[0]}`]?.type).toBe('http');
  });

  it('rejects an endpoint URL for several servers', async () => {
    const result = await config('cursor', 'all', '--http', 'http://127.0.0.1:3001/mcp');

    expect(result.code).toBe(names.length > 1 ? 2 : 0);
    if (names.length > 1) expect(result.stderr).toContain('names one endpoint');
  });

  it('rejects http for claude-desktop', async () => {
    const result = await config('claude-desktop', '--http', 'http://127.0.0.1:3000');

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('stdio servers only');
    expect(result.stdout).toBe('');
  });

  it('rejects an unknown host', async () => {
    const result = await config('emacs');

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown host "emacs"');
    expect(result.stderr).toContain('claude-desktop');
  });

  it('rejects an unknown server', async () => {
    const result = await config('cursor', 'spreadsheet');

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown server "spreadsheet"');
  });

  it('rejects an unknown launch mode', async () => {
    const result = await config('cursor', '--launch', 'docker');

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--launch "docker"');
  });

  it('rejects a URL that is not http', async () => {
    const result = await config('cursor', '--http', 'ftp://127.0.0.1/');

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('http:// or https://');
  });

  it('asks for a host when none is given', async () => {
    const result = await config();

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Name a host');
  });

  it('prints help', async () => {
    const result = await config('--help');

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: conduit config');
  });
});

describe('quoteShellArgument', () => {
  it('keeps plain words', () => {
    expect(quoteShellArgument('/usr/bin/node')).toBe('/usr/bin/node');
  });

  it('quotes spaces', () => {
    expect(quoteShellArgument('/Users/Ann Lee/conduit.js')).toBe(`'/Users/Ann Lee/conduit.js'`);
  });

  it('escapes single quotes', () => {
    expect(quoteShellArgument(`it's`)).toBe(`'it'\\''s'`);
  });
});
