import { createRequire } from 'node:module';

/** Returns the package version. `cli/` and the bundle in `dist/` both sit one level below package.json. */
export function packageVersion(): string {
  const require = createRequire(import.meta.url);
  const manifest = require('../package.json') as { version: string };
  return manifest.version;
}
