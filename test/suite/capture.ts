import type { Output } from '../../cli/output.ts';
import type { ServerRegistry } from '../../cli/registry.ts';

/** The servers docs/hosts.md documents. */
export const DOCUMENTED_SERVERS = ['database', 'weather', 'translation', 'analytics'];

/**
 * Builds a registry of names only: `conduit config` never loads a server module, and
 * a load would fail loudly here.
 */
export function registryOf(names: readonly string[]): ServerRegistry {
  return Object.fromEntries(
    names.map((name) => [
      name,
      {
        summary: `${name} server`,
        load: () => Promise.reject(new Error(`conduit config must not load ${name}`)),
      },
    ]),
  );
}

export interface CapturedOutput extends Output {
  stdout: string;
  stderr: string;
}

export function captureOutput(): CapturedOutput {
  const captured: CapturedOutput = {
    stdout: '',
    stderr: '',
    out: (text) => {
      captured.stdout += `${text}\n`;
    },
    err: (text) => {
      captured.stderr += `${text}\n`;
    },
  };
  return captured;
}

export interface PrintedSnippets {
  json: unknown[];
  shell: string[];
}

/**
 * Finds the snippets in what `conduit config` printed: JSON objects start
 * with a line that is only "{" and end with a line that is only "}", and
 * commands are the lines that start with "claude mcp add".
 */
export function printedSnippets(text: string): PrintedSnippets {
  const lines = text.split('\n');
  const json: unknown[] = [];
  const shell: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (line.startsWith('claude mcp add')) shell.push(line);
    if (line !== '{') continue;
    const end = lines.indexOf('}', index);
    json.push(JSON.parse(lines.slice(index, end + 1).join('\n')));
    index = end;
  }
  return { json, shell };
}
