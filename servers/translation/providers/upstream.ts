import { ToolError, type ToolErrorCode } from '../../../shared/errors.ts';

/** Maximum length of an upstream message quoted back to the caller. */
const MAX_QUOTED_LENGTH = 300;

/** Parses a body as JSON, or returns undefined for an empty, HTML or otherwise non-JSON body. */
export function readJson(body: string): unknown {
  if (!body.trim()) return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_QUOTED_LENGTH ? `${flat.slice(0, MAX_QUOTED_LENGTH)}…` : flat;
}

/**
 * The human-readable part of an error body: the `message` or `error` field of
 * a JSON body, the title of an HTML page (proxies send 413 and 502 that
 * way), or the text itself. Undefined for an empty body.
 */
export function upstreamMessage(body: string): string | undefined {
  const json = readJson(body);
  if (json && typeof json === 'object') {
    for (const key of ['message', 'error', 'detail', 'responseDetails']) {
      const value = (json as Record<string, unknown>)[key];
      if (typeof value === 'string' && value.trim()) return shorten(value);
    }
  }
  if (/^\s*</.test(body)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1];
    const text = title ?? body.replace(/<[^>]*>/g, ' ');
    return text.trim() ? shorten(text) : undefined;
  }
  return body.trim() ? shorten(body) : undefined;
}

const STATUS_CODES: Record<number, ToolErrorCode> = {
  400: 'INVALID_ARGUMENT',
  401: 'PERMISSION_DENIED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  408: 'TIMEOUT',
  413: 'TOO_LARGE',
  414: 'TOO_LARGE',
  429: 'RATE_LIMITED',
  504: 'TIMEOUT',
};

/** Returns the error code for an HTTP status when the provider gives it no special meaning. */
export function codeForStatus(status: number): ToolErrorCode {
  return STATUS_CODES[status] ?? (status >= 500 ? 'UNAVAILABLE' : 'UPSTREAM_ERROR');
}

export interface UpstreamFailure {
  provider: string;
  status: number;
  body: string;
  code?: ToolErrorCode;
  hint: string;
}

/** Builds a ToolError that names the provider, its status and its own words, quoted and shortened. */
export function upstreamError(failure: UpstreamFailure): ToolError {
  const quoted = upstreamMessage(failure.body);
  const said = quoted ? `: "${quoted}"` : ' with an empty body';
  return new ToolError(
    failure.code ?? codeForStatus(failure.status),
    `${failure.provider} answered with status ${failure.status}${said}.`,
    { hint: failure.hint, details: { provider: failure.provider, status: failure.status } },
  );
}
