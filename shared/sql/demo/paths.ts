import { homedir } from 'node:os';
import { join } from 'node:path';

type Env = Record<string, string | undefined>;

/**
 * Returns the per-user data folder: `CONDUIT_DATA_DIR` when set, else the platform's
 * convention (XDG_DATA_HOME or ~/.local/share on Linux, ~/Library/Application
 * Support on macOS, %LOCALAPPDATA% on Windows), with a `conduit` folder inside.
 */
export function dataDirectory(env: Env = process.env, platform = process.platform): string {
  if (env.CONDUIT_DATA_DIR) return env.CONDUIT_DATA_DIR;
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  if (platform === 'win32') {
    return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'conduit');
  }
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'conduit');
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'conduit');
}

/** Returns the path of the demo shop database. */
export function demoDatabasePath(env: Env = process.env, platform = process.platform): string {
  return join(dataDirectory(env, platform), 'demo-shop.sqlite');
}
