import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { DEMO_VERSION, generateDemoShop } from './generate.ts';

async function storedVersion(path: string): Promise<string | undefined> {
  const { default: Database } = await import('better-sqlite3');
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare("SELECT value FROM demo_info WHERE key = 'version'").get() as
        { value?: string } | undefined;
      return row?.value;
    } finally {
      db.close();
    }
  } catch {
    return undefined;
  }
}

/**
 * Makes sure the demo shop exists at `path` in the current version,
 * generating it when missing, outdated or when `regenerate` is set. The file
 * is written under a temporary name and renamed, so a reader never sees a
 * half-built database. Returns true when it was generated.
 */
export async function ensureDemoDatabase(
  path: string,
  options: { regenerate?: boolean } = {},
): Promise<boolean> {
  if (!options.regenerate && (await storedVersion(path)) === DEMO_VERSION) return false;

  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(temporary);
  try {
    generateDemoShop(db);
    db.close();
    renameSync(temporary, path);
  } catch (error) {
    if (db.open) db.close();
    rmSync(temporary, { force: true });
    throw error;
  }
  return true;
}
