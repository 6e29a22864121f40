import type { Output } from './output.ts';
import type { ServerRegistry } from './registry.ts';

export interface CommandContext {
  env: NodeJS.ProcessEnv;
  servers: ServerRegistry;
  output: Output;
}

/** A subcommand that is not a server: serve, config, demo, chat. */
export interface CommandEntry {
  summary: string;
  usage: string;
  /** Returns the process exit code. */
  run(argv: string[], context: CommandContext): Promise<number>;
}
