import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { servers } from '../../cli/registry.ts';
import {
  captureOutput,
  DOCUMENTED_SERVERS,
  printedSnippets,
  registryOf,
  type PrintedSnippets,
} from './capture.ts';

const DOC_PATH = new URL('../../docs/hosts.md', import.meta.url);

interface DocumentedExample {
  /** The `conduit config ...` line, as written. */
  command: string;
  snippets: PrintedSnippets;
}

/**
 * Reads docs/hosts.md: a ```sh block holding one `conduit config` line starts
 * an example, and the ```json blocks and `claude mcp add` lines after it, up
 * to the next example, are what that command prints.
 */
function documentedExamples(markdown: string): DocumentedExample[] {
  const examples: DocumentedExample[] = [];
  for (const match of markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)) {
    const language = match[1] ?? '';
    const body = (match[2] ?? '').trim();
    const current = examples.at(-1);

    if (language === 'sh' && body.startsWith('conduit config ')) {
      examples.push({ command: body, snippets: { json: [], shell: [] } });
    } else if (language === 'json') {
      if (!current) throw new Error(`JSON block before any conduit config example:\n${body}`);
      current.snippets.json.push(JSON.parse(body));
    } else if (language === 'sh') {
      if (!current) throw new Error(`command block before any conduit config example:\n${body}`);
      const lines = body.split('\n');
      expect(lines.every((line) => line.startsWith('claude mcp add'))).toBe(true);
      current.snippets.shell.push(...lines);
    }
  }
  return examples;
}

const examples = documentedExamples(readFileSync(DOC_PATH, 'utf8'));

describe('docs/hosts.md', () => {
  it('has an example for every host', () => {
    const hostsShown = new Set(examples.map((example) => example.command.split(' ')[2]));
    expect([...hostsShown].sort()).toEqual(
      ['claude-code', 'claude-desktop', 'cursor', 'vscode', 'windsurf'].sort(),
    );
  });

  it.each(examples)('$command prints the documented snippets', async (example) => {
    const output = captureOutput();
    const argv = example.command.split(' ').slice(1);

    const code = await main(argv, {}, registryOf(DOCUMENTED_SERVERS), output);

    expect(output.stderr).toBe('');
    expect(code).toBe(0);
    const printed = printedSnippets(output.stdout);
    expect(printed.json).toEqual(example.snippets.json);
    expect(printed.shell).toEqual(example.snippets.shell);
  });

  it('documents every registered server', () => {
    for (const name of Object.keys(servers)) expect(DOCUMENTED_SERVERS).toContain(name);
  });
});
