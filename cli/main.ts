import { chatCommand, demoCommand } from '../client-demo/commands.ts';
import { ConfigError } from '../shared/config/options.ts';
import type { CommandEntry } from './commands.ts';
import { configCommand } from './config/command.ts';
import { processOutput, type Output } from './output.ts';
import type { ServerRegistry } from './registry.ts';
import { packageVersion } from './version.ts';

/** Subcommands other than the servers themselves. */
export const commands: Record<string, CommandEntry> = {
  serve: {
    summary: 'host every server over HTTP on one port, each under /<name>/mcp',
    usage: 'conduit serve [--port P] [--host H] [server options]',
    run: async (argv, context) => (await import('./serve.ts')).serve(argv, context),
  },
  chat: chatCommand,
  demo: demoCommand,
  config: configCommand,
};

function helpText(servers: ServerRegistry): string {
  const rows: [string, string][] = [
    ...Object.entries(servers).map(([name, entry]): [string, string] => [name, entry.summary]),
    ...Object.entries(commands).map(([name, entry]): [string, string] => [name, entry.summary]),
  ];
  const width = Math.max(...rows.map(([name]) => name.length)) + 3;
  return [
    'Usage: conduit <command> [options]',
    '',
    'Model Context Protocol servers for SQL databases, weather, translation and analytics.',
    '',
    'Commands:',
    ...rows.map(([name, summary]) => `  ${name.padEnd(width)}${summary}`),
    '',
    'Run "conduit <command> --help" for the options of one command.',
    'Servers speak stdio by default; add "--transport http" to listen on a port.',
  ].join('\n');
}

/**
 * Runs one command line and returns its exit code instead of exiting, so
 * tests can drive it and only the entry file touches the process.
 */
export async function main(
  argv: string[],
  env: NodeJS.ProcessEnv,
  servers: ServerRegistry,
  output: Output = processOutput,
): Promise<number> {
  const [command, ...rest] = argv;

  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    output.out(helpText(servers));
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v') {
    output.out(packageVersion());
    return 0;
  }

  const context = { env, servers, output };
  try {
    const server = servers[command];
    if (server) {
      const { runServerCommand } = await import('./run-server.ts');
      return await runServerCommand(command, server, rest, context);
    }

    const entry = commands[command];
    if (entry) return await entry.run(rest, context);

    output.err(`Unknown command "${command}". Run "conduit --help" to see the commands.`);
    return 2;
  } catch (error) {
    if (error instanceof ConfigError) {
      output.err(`conduit ${command}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
