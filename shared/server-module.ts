import type { McpServer } from '@modelcontextprotocol/server';
import type { OptionSpecs, OptionValues } from './config/options.ts';
import type { Logger } from './logging.ts';

/**
 * State one server keeps for the life of the process (connection pools,
 * caches). Opening it must not touch the network or load drivers: hosts
 * start stdio servers often, and a listing of tools needs none of that.
 */
export interface ServerInstance {
  /** A fresh MCP server over the shared state; called per connection or per HTTP request. */
  createServer(): McpServer;
  close(): Promise<void>;
}

/** Description of one server for the `conduit` command. */
export interface ServerModule<T extends OptionSpecs = OptionSpecs> {
  /** Subcommand and HTTP path segment: `database` serves `/database/mcp` under `conduit serve`. */
  name: string;
  summary: string;
  options: T;
  open(values: OptionValues<T>, logger: Logger): ServerInstance | Promise<ServerInstance>;
}

export function defineServerModule<T extends OptionSpecs>(
  module: ServerModule<T>,
): ServerModule<T> {
  return module;
}
