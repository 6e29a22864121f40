import type {
  CallToolResult,
  ContentBlock,
  McpServer,
  ServerContext,
  ToolAnnotations,
} from '@modelcontextprotocol/server';
import type { z } from 'zod';
import { toErrorResult } from './errors.ts';
import type { Logger } from './logging.ts';

/** Context passed to a tool handler besides its arguments. */
export interface ToolCall<Deps> {
  deps: Deps;
  logger: Logger;
  /** Aborted when the client cancels the call or disconnects. */
  signal: AbortSignal;
  /** Sends a progress notification when the client asked for them; a no-op otherwise. */
  progress(progress: number, total?: number, message?: string): Promise<void>;
}

/** A handler's result: the structured content, its readable summary and any extra blocks. */
export interface ToolOutput<O> {
  structured: O;
  text: string;
  /** Additional content such as images, placed after the text. */
  content?: ContentBlock[];
}

/** Every hint is spelled out so no tool relies on the spec's defaults. */
export interface HonestAnnotations extends ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export interface ToolDefinition<Deps, I extends z.ZodObject, O extends z.ZodObject> {
  name: string;
  title: string;
  description: string;
  input: I;
  output: O;
  annotations: HonestAnnotations;
  handler(args: z.output<I>, call: ToolCall<Deps>): Promise<ToolOutput<z.output<O>>>;
}

/** A tool with its types erased, so tools of different shapes fit in one list. */
export interface ServerTool<Deps> {
  name: string;
  annotations: HonestAnnotations;
  register(server: McpServer, deps: Deps, logger: Logger): void;
}

function progressSender(ctx: ServerContext): ToolCall<unknown>['progress'] {
  const token = ctx.mcpReq._meta?.progressToken;
  return async (progress, total, message) => {
    if (token === undefined) return;
    await ctx.mcpReq.notify({
      method: 'notifications/progress',
      params: {
        progressToken: token,
        progress,
        ...(total === undefined ? {} : { total }),
        ...(message === undefined ? {} : { message }),
      },
    });
  };
}

export function defineTool<Deps, I extends z.ZodObject, O extends z.ZodObject>(
  definition: ToolDefinition<Deps, I, O>,
): ServerTool<Deps> {
  return {
    name: definition.name,
    annotations: definition.annotations,
    register(server, deps, logger) {
      const callback = async (args: z.output<I>, ctx: ServerContext): Promise<CallToolResult> => {
        const call: ToolCall<Deps> = {
          deps,
          logger: logger.child({ tool: definition.name }),
          signal: ctx.mcpReq.signal,
          progress: progressSender(ctx),
        };
        try {
          const output = await definition.handler(args, call);
          return {
            content: [{ type: 'text', text: output.text }, ...(output.content ?? [])],
            structuredContent: output.structured as Record<string, unknown>,
          };
        } catch (error) {
          return toErrorResult(error, logger, definition.name);
        }
      };

      server.registerTool(
        definition.name,
        {
          title: definition.title,
          description: definition.description,
          // Strict, so a misspelt argument (group_by for groupBy) is an error
          // instead of being dropped and silently changing the result.
          inputSchema: definition.input.strict(),
          outputSchema: definition.output,
          annotations: { title: definition.title, ...definition.annotations },
        },
        // The SDK infers the callback's argument type from inputSchema; the
        // generic I is that same schema, so the cast only restates it.
        callback as never,
      );
    },
  };
}

/** Registers a folder's tools on one server instance. */
export function registerTools<Deps>(
  server: McpServer,
  tools: readonly ServerTool<Deps>[],
  deps: Deps,
  logger: Logger,
): void {
  for (const tool of tools) tool.register(server, deps, logger);
}
