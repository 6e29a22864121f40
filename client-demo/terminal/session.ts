import { closeServers, connectServers, type ConnectResult } from '../connect.ts';
import type { ConversationMessage } from '../conversation.ts';
import { clientOptionHelp, parseClientOptions, type ClientOptions } from '../options.ts';
import {
  chooseModel,
  createProvider,
  ModelConfigError,
  modelEndpoint,
  type ModelEndpoint,
} from '../providers/select.ts';
import type { ModelProvider } from '../providers/types.ts';
import { defaultServerConfig, loadServerConfig, type ServerConfig } from '../server-config.ts';
import { Toolbox } from '../toolbox.ts';
import { ToolRunner } from '../tool-runner.ts';
import { approvalPrompt, askOnce, type Ask } from './approve.ts';
import { Activity, processIo, type TerminalIo } from './io.ts';
import { ChatRenderer } from './render.ts';

/** Everything `chat` and `demo` share once the servers are up. */
export interface Session {
  options: ClientOptions;
  env: NodeJS.ProcessEnv;
  io: TerminalIo;
  connection: ConnectResult;
  toolbox: Toolbox;
  runner: ToolRunner;
  renderer: ChatRenderer;
  provider: ModelProvider | undefined;
  /** Base URL `provider` sends its requests to, set together with it. */
  endpoint: ModelEndpoint | undefined;
  conversation: ConversationMessage[];
  errors: string[];
  /** Lets the chat loop ask approval questions through its own readline. */
  useAsk(ask: Ask): void;
  close(): Promise<void>;
}

export interface SessionStart {
  command: 'chat' | 'demo';
  usage: string;
  argv: string[];
  env: NodeJS.ProcessEnv;
  version: string;
  /** Lines of each tool result shown on the terminal. */
  resultLines?: number;
  /** Tool results are what the command is for, so they go to stdout with the model's replies. */
  resultsOnStdout?: boolean;
}

function reportServers(io: TerminalIo, connection: ConnectResult, toolbox: Toolbox): void {
  const { colors } = io;
  for (const server of connection.connected) {
    const count = toolbox.entries.filter((entry) => entry.server === server).length;
    io.stderr.write(`${colors.green('✓')} ${server.name}: ${count} tools\n`);
  }
  for (const server of connection.failed) {
    const [first, ...rest] = server.error.split('\n');
    io.stderr.write(`${colors.red('✗')} ${server.name} did not start: ${first}\n`);
    for (const line of rest) io.stderr.write(`    ${colors.dim(line)}\n`);
  }
}

/**
 * Parses the options, picks the model, starts the servers and builds the tool
 * runner. Returns an exit code instead when there is nothing to run (help,
 * a bad option).
 */
export async function openSession(start: SessionStart): Promise<Session | number> {
  const options = parseClientOptions(start.command, start.argv, start.env);
  const io = processIo(options.color, options.json);
  if (options.help) {
    io.stdout.write(`Usage: ${start.usage}\n\n${clientOptionHelp(start.command)}\n`);
    return 0;
  }

  const choice = chooseModel(options.model, start.env, {
    baseUrl: options.baseUrl,
    acceptsImages: options.images,
  });
  // Checked before the servers start, because -p cannot be handled without a model.
  if (options.prompt !== undefined && !choice) {
    throw new ModelConfigError(
      '-p needs a model: name one with --model PROVIDER:MODEL (as in --model ollama:qwen2.5) ' +
        'or CONDUIT_MODEL, or set OPENAI_API_KEY or ANTHROPIC_API_KEY.',
    );
  }
  const provider = choice ? await createProvider(choice) : undefined;

  const configs: ServerConfig[] = options.config
    ? await loadServerConfig(options.config)
    : defaultServerConfig(start.env);

  const activity = new Activity(io);
  activity.show(`starting ${configs.length} servers`);
  const connection = await connectServers(configs, {
    timeoutMs: options.connectTimeoutMs,
    clientVersion: start.version,
  });
  activity.clear();

  const toolbox = new Toolbox(connection.connected);
  reportServers(io, connection, toolbox);

  const renderer = new ChatRenderer(io, start.resultLines, start.resultsOnStdout);
  let ask: Ask = askOnce(io);
  const runner = new ToolRunner({
    toolbox,
    timeoutMs: options.timeoutMs,
    maxTotalMs: options.maxCallMs,
    imageDirectory: options.imageDirectory,
    approve: approvalPrompt(io, options.yes, () => ask, renderer),
    onEvent: (event) => renderer.handle(event),
  });

  return {
    options,
    env: start.env,
    io,
    connection,
    toolbox,
    runner,
    renderer,
    provider,
    endpoint: choice ? modelEndpoint(choice) : undefined,
    conversation: [],
    errors: connection.failed.map((server) => `${server.name}: ${server.error}`),
    useAsk: (next) => {
      ask = next;
    },
    close: () => closeServers(connection.connected),
  };
}
