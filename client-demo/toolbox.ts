import type { CallToolResult, Tool } from '@modelcontextprotocol/client';
import type { ConnectedServer } from './connect.ts';
import type { ImageData } from './conversation.ts';
import { qualifyToolNames } from './tool-names.ts';

export interface ToolEntry {
  /** The `server__tool` name the model and `/call` use. */
  name: string;
  server: ConnectedServer;
  tool: Tool;
  /**
   * Needs the user's approval. Per the MCP spec a tool that is not read-only
   * counts as destructive unless it declares `destructiveHint: false`.
   */
  destructive: boolean;
}

/** Description of one tool as sent to a model. */
export interface ToolSpec {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

export interface CallOutcome {
  text: string;
  isError: boolean;
  images: ImageData[];
  structured?: unknown;
}

function isDestructive(tool: Tool): boolean {
  const hints = tool.annotations ?? {};
  if (hints.readOnlyHint === true) return false;
  return hints.destructiveHint !== false;
}

/** The tools of every connected server under their qualified names. */
export class Toolbox {
  readonly entries: readonly ToolEntry[];
  private readonly byName: Map<string, ToolEntry>;

  constructor(servers: readonly ConnectedServer[]) {
    const pairs = servers.flatMap((server) => server.tools.map((tool) => ({ server, tool })));
    const names = qualifyToolNames(
      pairs.map(({ server, tool }) => ({ server: server.name, tool: tool.name })),
    );
    this.entries = pairs.map(({ server, tool }, index) => ({
      name: names[index] as string,
      server,
      tool,
      destructive: isDestructive(tool),
    }));
    this.byName = new Map(this.entries.map((entry) => [entry.name, entry]));
  }

  get(name: string): ToolEntry | undefined {
    return this.byName.get(name);
  }

  specs(): ToolSpec[] {
    return this.entries.map((entry) => ({
      name: entry.name,
      description: entry.tool.description ?? entry.tool.title ?? entry.tool.name,
      inputSchema: entry.tool.inputSchema as Record<string, unknown>,
    }));
  }
}

/** Flattens an MCP tool result into text for the model plus the images it carried. */
export function toCallOutcome(result: CallToolResult): CallOutcome {
  const texts: string[] = [];
  const images: ImageData[] = [];

  for (const block of result.content) {
    if (block.type === 'text') texts.push(block.text);
    else if (block.type === 'image') images.push({ mimeType: block.mimeType, data: block.data });
    else if (block.type === 'resource_link') texts.push(`[resource ${block.uri}]`);
    else if (block.type === 'resource') {
      const resource = block.resource;
      texts.push('text' in resource ? resource.text : `[binary resource ${resource.uri}]`);
    } else texts.push(`[${block.type} content]`);
  }

  if (texts.length === 0 && result.structuredContent !== undefined) {
    texts.push(JSON.stringify(result.structuredContent));
  }

  return {
    text: texts.join('\n'),
    isError: result.isError === true,
    images,
    ...(result.structuredContent === undefined ? {} : { structured: result.structuredContent }),
  };
}
