import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Folder of the Chinook scripts, from CONDUIT_CHINOOK_DIR, or undefined when it is unset. */
export const chinookDir = process.env.CONDUIT_CHINOOK_DIR;

export const CHINOOK_SKIP_MESSAGE =
  'CONDUIT_CHINOOK_DIR is not set. Set it to a folder with Chinook_PostgreSql.sql and ' +
  'Chinook_Sqlite.sqlite to run the Chinook tests.';

/**
 * Loads Chinook_PostgreSql.sql into a database called `name` and returns its
 * URL. The script drops and creates a database named chinook, so each suite
 * loads its own copy under another name and suites running at once do not
 * collide.
 */
export function loadChinookIntoPostgres(folder: string, serverUrl: string, name: string): string {
  const script = readFileSync(join(folder, 'Chinook_PostgreSql.sql'), 'utf8')
    .replace('DROP DATABASE IF EXISTS chinook;', `DROP DATABASE IF EXISTS ${name};`)
    .replace('CREATE DATABASE chinook;', `CREATE DATABASE ${name};`)
    .replace('\\c chinook;', `\\c ${name};`);

  const scratch = mkdtempSync(join(tmpdir(), `${name}-`));
  try {
    const scriptFile = join(scratch, 'chinook.sql');
    writeFileSync(scriptFile, script);
    const loaded = spawnSync(
      'psql',
      ['-v', 'ON_ERROR_STOP=1', '-q', '-d', serverUrl, '-f', scriptFile],
      {
        encoding: 'utf8',
        env: { ...process.env, PGOPTIONS: '--client-min-messages=warning' },
      },
    );
    if (loaded.status !== 0) throw new Error(`psql failed to load Chinook: ${loaded.stderr}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function dropPostgresDatabase(serverUrl: string, name: string): void {
  spawnSync('psql', ['-q', '-d', serverUrl, '-c', `DROP DATABASE IF EXISTS ${name}`]);
}
