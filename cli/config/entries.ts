import type { ServerLaunch } from './types.ts';

/** Returns the command and arguments a host runs to start a server over stdio. */
export function stdioEntry(launch: ServerLaunch): { command: string; args: string[] } {
  if (!launch.stdio) throw new Error(`no stdio command was built for ${launch.server}`);
  return { command: launch.stdio.command, args: launch.stdio.args };
}

/** Builds one configuration entry per server, keyed by `conduit-<server>`. */
export function entriesByKey(
  launches: readonly ServerLaunch[],
  entry: (launch: ServerLaunch) => Record<string, unknown>,
): Record<string, Record<string, unknown>> {
  return Object.fromEntries(launches.map((launch) => [launch.key, entry(launch)]));
}
