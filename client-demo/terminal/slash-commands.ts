import type { ConversationMessage } from '../conversation.ts';
import type { ToolEntry } from '../toolbox.ts';
import {
  chooseModel,
  createProvider,
  ModelConfigError,
  modelEndpoint,
} from '../providers/select.ts';
import { SLASH_HELP } from './help-text.ts';
import { summarize } from './render.ts';
import type { Session } from './session.ts';
import { describeParameters } from './tool-details.ts';

export type SlashOutcome = 'quit' | 'done';

const MAX_SHOWN_STRING = 300;
const MAX_SHOWN_ITEMS = 50;

/** Keeps an SVG, a base64 blob or ten thousand rows from flooding the terminal. */
function shortenForDisplay(_key: string, value: unknown): unknown {
  if (typeof value === 'string' && value.length > MAX_SHOWN_STRING) {
    return `${value.slice(0, MAX_SHOWN_STRING)}… (${value.length} characters)`;
  }
  if (Array.isArray(value) && value.length > MAX_SHOWN_ITEMS) {
    return [...value.slice(0, MAX_SHOWN_ITEMS), `… ${value.length - MAX_SHOWN_ITEMS} more items`];
  }
  return value;
}

function showTool(session: Session, entry: ToolEntry): void {
  const { io } = session;
  const mark = entry.destructive ? io.colors.yellow(' (asks first)') : '';
  io.stdout.write(`${io.colors.bold(entry.name)}${mark}\n`);
  const description = entry.tool.description?.trim();
  if (description) io.stdout.write(`${description}\n`);
  const schema = entry.tool.inputSchema as Record<string, unknown>;
  io.stdout.write(`${describeParameters(schema).join('\n')}\n`);
}

/** Lists the tools whose name contains `filter`, or shows one tool in full when it is its exact name. */
function listTools(session: Session, filter: string): void {
  const { io, toolbox } = session;
  const exact = filter === '' ? undefined : toolbox.get(filter);
  if (exact) {
    showTool(session, exact);
    return;
  }
  const matching = toolbox.entries.filter((entry) => entry.name.includes(filter));
  if (matching.length === 0) {
    io.stdout.write(
      filter ? `No tool name contains "${filter}".\n` : 'No tools: no server is connected.\n',
    );
    return;
  }
  for (const entry of matching) {
    const mark = entry.destructive ? io.colors.yellow(' (asks first)') : '';
    const description = (entry.tool.description ?? '').split('\n')[0] ?? '';
    io.stdout.write(`${io.colors.bold(entry.name)}${mark}\n    ${description}\n`);
  }
}

function listServers(session: Session): void {
  const { io, connection, toolbox } = session;
  for (const server of connection.connected) {
    const count = toolbox.entries.filter((entry) => entry.server === server).length;
    const version = server.version ? ` (${server.version})` : '';
    io.stdout.write(
      `${io.colors.green('✓')} ${server.name}${version}, ${server.config.transport}, ${count} tools\n`,
    );
  }
  for (const server of connection.failed) {
    const first = server.error.split('\n')[0];
    io.stdout.write(`${io.colors.red('✗')} ${server.name}, ${server.config.transport}: ${first}\n`);
  }
}

function describeMessage(message: ConversationMessage): string[] {
  if (message.role === 'user') return [`you: ${message.text}`];
  if (message.role === 'assistant') {
    const lines = message.text ? [`assistant: ${message.text}`] : [];
    for (const call of message.toolCalls) lines.push(`  → ${call.name} ${call.arguments}`);
    return lines;
  }
  return message.results.map(
    (result) => `  ${result.isError ? '✗' : '✓'} ${result.name}: ${summarize(result.text)[0]}`,
  );
}

async function callTool(session: Session, rest: string, signal: AbortSignal): Promise<void> {
  const { io } = session;
  const match = /^(\S+)\s*([\s\S]*)$/.exec(rest.trim());
  if (!match) {
    io.stderr.write('Usage: /call SERVER__TOOL {"argument": "value"}. /tools lists the names.\n');
    return;
  }
  const [, name = '', json = ''] = match;
  const call = { id: `shell-${Date.now()}`, name, arguments: json.trim() || '{}' };
  const result = await session.renderer.withResultsOnStdout(() =>
    session.runner.run(call, signal, 'user'),
  );
  session.renderer.settle();

  // The renderer already showed a short form; add what it left out. A result
  // goes to stdout and an error to stderr, as the renderer sent the short form.
  const out = result.isError ? io.stderr : io.stdout;
  if (result.structured !== undefined) {
    out.write(`${JSON.stringify(result.structured, shortenForDisplay, 2)}\n`);
  } else if (summarize(result.text).join('\n') !== result.text.trim()) {
    out.write(`${result.text}\n`);
  }
}

async function switchModel(session: Session, spec: string): Promise<void> {
  const { io } = session;
  if (spec === '') {
    io.stdout.write(`${session.provider?.label ?? 'No model is configured.'}\n`);
    return;
  }
  try {
    const choice = chooseModel(spec, session.env, { baseUrl: session.options.baseUrl });
    if (!choice) return;
    session.provider = await createProvider(choice);
    session.endpoint = modelEndpoint(choice);
    io.stdout.write(`Model: ${session.provider.label}\n`);
  } catch (error) {
    if (!(error instanceof ModelConfigError)) throw error;
    io.stderr.write(`${error.message}\n`);
  }
}

/** Runs one `/command` line of the chat. */
export async function runSlashCommand(
  line: string,
  session: Session,
  signal: AbortSignal,
): Promise<SlashOutcome> {
  const [command = '', ...words] = line.trim().split(/\s+/);
  const rest = line.trim().slice(command.length).trim();

  switch (command) {
    case '/quit':
    case '/exit':
      return 'quit';
    case '/help':
      session.io.stdout.write(`${SLASH_HELP}\n`);
      break;
    case '/tools':
      listTools(session, words[0] ?? '');
      break;
    case '/servers':
      listServers(session);
      break;
    case '/call':
      await callTool(session, rest, signal);
      break;
    case '/history':
      for (const message of session.conversation) {
        for (const text of describeMessage(message)) session.io.stdout.write(`${text}\n`);
      }
      break;
    case '/clear':
      session.conversation.length = 0;
      session.io.stdout.write('The conversation is cleared.\n');
      break;
    case '/model':
      await switchModel(session, rest);
      break;
    default:
      session.io.stderr.write(`Unknown command ${command}. /help lists the commands.\n`);
  }
  return 'done';
}
