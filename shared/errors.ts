import type { CallToolResult } from '@modelcontextprotocol/server';
import type { Logger } from './logging.ts';

/** Stable codes a model (or a script) can branch on. */
export type ToolErrorCode =
  | 'INVALID_ARGUMENT'
  | 'NOT_FOUND'
  | 'PERMISSION_DENIED'
  | 'READ_ONLY'
  | 'TIMEOUT'
  | 'TOO_LARGE'
  | 'RATE_LIMITED'
  | 'QUOTA_EXCEEDED'
  | 'UNAVAILABLE'
  | 'UPSTREAM_ERROR'
  | 'UNSUPPORTED'
  | 'CANCELLED'
  | 'INTERNAL';

export interface ToolErrorOptions {
  /** Next step for the caller, written for a model to act on. */
  hint?: string;
  /** Extra machine-readable facts (the limit that was hit, an HTTP status). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * A failure the caller can do something about. Its message must already be
 * safe to show: it names the bad value and never contains a secret.
 */
export class ToolError extends Error {
  readonly code: ToolErrorCode;
  readonly hint: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ToolErrorCode, message: string, options: ToolErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ToolError';
    this.code = code;
    this.hint = options.hint;
    this.details = options.details;
  }
}

export function isToolError(error: unknown): error is ToolError {
  return error instanceof ToolError;
}

/** Formats the text a model reads for a failed call. */
export function describeToolError(error: ToolError): string {
  const lines = [`Error ${error.code}: ${error.message}`];
  if (error.hint) lines.push(`Next step: ${error.hint}`);
  return lines.join('\n');
}

/**
 * Turns anything a handler threw into an `isError` result. Expected failures
 * keep their message. Unexpected ones are logged in full and replaced by a
 * short message, because their text may carry internals or secrets.
 */
export function toErrorResult(error: unknown, logger: Logger, tool: string): CallToolResult {
  if (isToolError(error)) {
    logger.debug({ tool, code: error.code, err: error }, 'tool call failed');
    return {
      isError: true,
      content: [{ type: 'text', text: describeToolError(error) }],
    };
  }

  logger.error({ tool, err: error }, 'tool call failed unexpectedly');
  const text =
    `Error INTERNAL: ${tool} failed unexpectedly; the server log has the details.\n` +
    'Next step: retry once; if it fails again, try different arguments or another tool.';
  return { isError: true, content: [{ type: 'text', text }] };
}
