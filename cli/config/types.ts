/** Connection of a host to one server: a command it launches, or a URL it connects to. */
export interface ServerLaunch {
  /** Key in the host's configuration, such as `conduit-database`. */
  key: string;
  /** Server name in the registry, such as `database`. */
  server: string;
  stdio?: { command: string; args: string[] };
  /** Streamable HTTP endpoint, such as http://127.0.0.1:3000/database/mcp */
  url?: string;
}

/** A piece of configuration printed as is, ready to paste. */
export type Snippet =
  | { kind: 'json'; caption: string; value: unknown }
  | { kind: 'shell'; caption: string; lines: string[] };

/** A configuration file location on one operating system or in one scope. */
export interface FileLocation {
  where: string;
  path: string;
}

export interface HostGuide {
  snippets: Snippet[];
  locations: FileLocation[];
  /** Steps after pasting, such as restarting the host. */
  notes: string[];
}

export interface Host {
  title: string;
  /** Reason the host cannot use the HTTP form, or null when it can. */
  httpUnsupported: string | null;
  guide(launches: readonly ServerLaunch[]): HostGuide;
}
