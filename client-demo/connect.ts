import type { Client, Tool, Transport } from '@modelcontextprotocol/client';
import type { ServerConfig } from './server-config.ts';

/** Lines of a stdio server's stderr kept to explain why it failed. */
const STDERR_TAIL_LINES = 20;

export interface ConnectedServer {
  name: string;
  config: ServerConfig;
  client: Client;
  tools: Tool[];
  /** Server name and version from its initialize result, when it sent them. */
  version?: string | undefined;
  /** The last lines a stdio server wrote to stderr. */
  stderrTail(): string;
}

export interface FailedServer {
  name: string;
  config: ServerConfig;
  error: string;
}

export interface ConnectResult {
  connected: ConnectedServer[];
  failed: FailedServer[];
}

export interface ConnectOptions {
  /** How long one server may take to start and list its tools, in milliseconds. */
  timeoutMs: number;
  clientVersion: string;
}

function tailCollector(): { push(chunk: string): void; text(): string } {
  let lines: string[] = [];
  return {
    push(chunk) {
      lines = [...lines, ...chunk.split('\n').filter((line) => line.trim() !== '')].slice(
        -STDERR_TAIL_LINES,
      );
    },
    text: () => lines.join('\n'),
  };
}

async function createTransport(
  config: ServerConfig,
  onStderr: (chunk: string) => void,
): Promise<Transport> {
  if (config.transport === 'stdio') {
    const { StdioClientTransport } = await import('@modelcontextprotocol/client/stdio');
    const transport = new StdioClientTransport({
      command: config.command,
      args: config.args,
      env: config.env,
      ...(config.cwd === undefined ? {} : { cwd: config.cwd }),
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => onStderr(chunk.toString('utf8')));
    return transport;
  }

  const { StreamableHTTPClientTransport, SSEClientTransport } =
    await import('@modelcontextprotocol/client');
  const requestInit = { headers: config.headers };
  return config.transport === 'sse'
    ? new SSEClientTransport(new URL(config.url), { requestInit })
    : new StreamableHTTPClientTransport(new URL(config.url), { requestInit });
}

function describeFailure(error: unknown, stderr: string): string {
  const message = error instanceof Error ? error.message : String(error);
  return stderr === '' ? message : `${message}\nServer output:\n${stderr}`;
}

async function connectOne(config: ServerConfig, options: ConnectOptions): Promise<ConnectedServer> {
  const { Client } = await import('@modelcontextprotocol/client');
  const stderr = tailCollector();
  const client = new Client({ name: 'conduit-demo', version: options.clientVersion });

  try {
    const transport = await createTransport(config, (chunk) => stderr.push(chunk));
    await client.connect(transport, { timeout: options.timeoutMs });
    const { tools } = await client.listTools(undefined, { timeout: options.timeoutMs });
    const info = client.getServerVersion();
    return {
      name: config.name,
      config,
      client,
      tools,
      version: info ? `${info.name} ${info.version}` : undefined,
      stderrTail: () => stderr.text(),
    };
  } catch (error) {
    await client.close().catch(() => {});
    // A process that exits at once may still be flushing its last words.
    await new Promise((resolve) => setTimeout(resolve, 50));
    throw new Error(describeFailure(error, stderr.text()), { cause: error });
  }
}

/**
 * Connects every server at once. A server that fails to start, connect or
 * list its tools is reported in `failed`; the others go on.
 */
export async function connectServers(
  configs: readonly ServerConfig[],
  options: ConnectOptions,
): Promise<ConnectResult> {
  const settled = await Promise.allSettled(configs.map((config) => connectOne(config, options)));

  const connected: ConnectedServer[] = [];
  const failed: FailedServer[] = [];
  settled.forEach((outcome, index) => {
    const config = configs[index] as ServerConfig;
    if (outcome.status === 'fulfilled') connected.push(outcome.value);
    else failed.push({ name: config.name, config, error: (outcome.reason as Error).message });
  });
  return { connected, failed };
}

export async function closeServers(servers: readonly ConnectedServer[]): Promise<void> {
  await Promise.allSettled(servers.map((server) => server.client.close()));
}
