import { fileURLToPath } from 'node:url';
import type { StdioServerConfig } from '../../../client-demo/server-config.ts';

export const FIXTURE_SERVER = fileURLToPath(
  new URL('../../fixtures/demo-tools-server.ts', import.meta.url),
);

/** The fixture server over stdio under `name`; `--exit` makes it fail at start. */
export function fixtureServer(name: string, extraArgs: string[] = []): StdioServerConfig {
  return {
    name,
    transport: 'stdio',
    command: process.execPath,
    args: ['--import', 'tsx', FIXTURE_SERVER, ...extraArgs],
    env: {},
  };
}
