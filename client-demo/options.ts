import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export interface ClientOptions {
  config?: string | undefined;
  model?: string | undefined;
  baseUrl?: string | undefined;
  images?: boolean | undefined;
  prompt?: string | undefined;
  json: boolean;
  yes: boolean;
  scripted: boolean;
  maxSteps: number;
  timeoutMs: number;
  maxCallMs: number;
  connectTimeoutMs: number;
  imageDirectory: string;
  color: boolean | undefined;
  help: boolean;
}

export class ClientOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClientOptionError';
  }
}

export type ClientCommand = 'chat' | 'demo';

/** Help lines of every option, with the commands that take it. */
const OPTION_HELP: { commands: readonly ClientCommand[]; lines: string }[] = [
  {
    commands: ['chat', 'demo'],
    lines: `  --config FILE           MCP server file ("mcpServers" or VS Code "servers");
                          default: the four Conduit servers over stdio [CONDUIT_CONFIG]
  --model PROVIDER:MODEL  openai, anthropic, ollama, vllm, lmstudio, deepseek or qwen,
                          as in ollama:qwen2.5 [CONDUIT_MODEL]
  --base-url URL          the provider's API address, overriding its variable
  --images on|off         pass tool images on to the model (default: on for openai
                          and anthropic, off for the others)`,
  },
  { commands: ['chat'], lines: '  -p, --prompt TEXT       answer one question and exit' },
  {
    commands: ['demo'],
    lines: '  --scripted              run the tour as fixed tool calls even when a model is set',
  },
  {
    commands: ['chat', 'demo'],
    lines: `  --json                  print the whole transcript as JSON on stdout at the end
  -y, --yes               run tools marked destructive without asking
  --max-steps N           model requests per question (default 10)
  --timeout-ms N          milliseconds a tool call may go without result or
                          progress (default 60000)
  --max-call-ms N         milliseconds a tool call may take in all (default 600000)
  --connect-timeout-ms N  milliseconds a server may take to start (default 20000)
  --image-dir DIR         where images returned by tools are saved
                          (default: conduit-images in the temporary folder)
  --no-color              plain text even on a terminal [NO_COLOR]
  -h, --help              this text`,
  },
];

/** Formats the `Options:` section of `conduit COMMAND --help`, listing only that command's options. */
export function clientOptionHelp(command: ClientCommand): string {
  const sections = OPTION_HELP.filter((section) => section.commands.includes(command));
  return ['Options:', ...sections.map((section) => section.lines)].join('\n');
}

function positiveInteger(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new ClientOptionError(
      `Invalid value for --${flag}: "${text}". Expected a whole number above 0.`,
    );
  }
  return value;
}

function onOff(flag: string, text: string | undefined): boolean | undefined {
  if (text === undefined) return undefined;
  if (text === 'on') return true;
  if (text === 'off') return false;
  throw new ClientOptionError(`Invalid value for --${flag}: "${text}". Use on or off.`);
}

/**
 * Parses the options of `conduit chat` or `conduit demo`. Each command
 * rejects the other's own option: `-p` belongs to chat, `--scripted` to demo.
 */
export function parseClientOptions(
  command: ClientCommand,
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): ClientOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        config: { type: 'string' },
        model: { type: 'string' },
        'base-url': { type: 'string' },
        images: { type: 'string' },
        prompt: { type: 'string', short: 'p' },
        scripted: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        yes: { type: 'boolean', short: 'y', default: false },
        'max-steps': { type: 'string' },
        'timeout-ms': { type: 'string' },
        'max-call-ms': { type: 'string' },
        'connect-timeout-ms': { type: 'string' },
        'image-dir': { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new ClientOptionError(`${(error as Error).message}. Run with --help to see the options.`);
  }
  const values = parsed.values;
  if (command === 'demo' && values.prompt !== undefined) {
    throw new ClientOptionError(
      '-p/--prompt is an option of conduit chat, not conduit demo. Run conduit chat -p QUESTION.',
    );
  }
  if (command === 'chat' && values.scripted) {
    throw new ClientOptionError(
      '--scripted is an option of conduit demo, not conduit chat. Run conduit demo --scripted.',
    );
  }

  let color: boolean | undefined;
  if (values['no-color']) color = false;
  else if (values.color) color = true;

  return {
    config: values.config ?? (env.CONDUIT_CONFIG?.trim() || undefined),
    model: values.model,
    baseUrl: values['base-url'],
    images: onOff('images', values.images),
    prompt: values.prompt,
    json: values.json,
    yes: values.yes,
    scripted: values.scripted,
    maxSteps: positiveInteger('max-steps', values['max-steps'], 10),
    timeoutMs: positiveInteger('timeout-ms', values['timeout-ms'], 60_000),
    maxCallMs: positiveInteger('max-call-ms', values['max-call-ms'], 600_000),
    connectTimeoutMs: positiveInteger('connect-timeout-ms', values['connect-timeout-ms'], 20_000),
    imageDirectory: values['image-dir'] ?? join(tmpdir(), 'conduit-images'),
    color,
    help: values.help,
  };
}
