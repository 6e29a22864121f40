import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

const MAX_ENTRIES = 500;

export function historyPath(env: NodeJS.ProcessEnv): string {
  return env.CONDUIT_HISTORY_FILE?.trim() || join(homedir(), '.conduit', 'chat-history');
}

/** Lines typed in earlier sessions, newest first as readline wants them. */
export async function loadHistory(path: string): Promise<string[]> {
  try {
    const text = await readFile(path, 'utf8');
    return text.split('\n').filter(Boolean).reverse().slice(0, MAX_ENTRIES);
  } catch {
    return [];
  }
}

export async function saveHistory(path: string, newestFirst: readonly string[]): Promise<void> {
  const lines = [...newestFirst.slice(0, MAX_ENTRIES)].reverse();
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${lines.join('\n')}\n`, { mode: 0o600 });
}
