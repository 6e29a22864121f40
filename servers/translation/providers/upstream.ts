import { ToolError, type ToolErrorCode } from '../../../shared/errors.ts';
import { bodySnippet, isHttpError, parseBody, upstreamReason } from '../../../shared/http/index.ts';

/**
 * Extracts the human-readable part of an error body: the `message` or `error` field of
 * a JSON body, the title of an HTML page (proxies such as nginx send 413 and
 * 502 that way), or a plain body, shortened. Undefined for an empty body.
 */
export function upstreamMessage(body: string): string | undefined {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1]?.trim();
  const reason = upstreamReason(parseBody(body)) ?? (title || undefined);
  const text = reason ?? bodySnippet(body);
  return text ? bodySnippet(text) : undefined;
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
  const bodyText = quoted ? `: "${quoted}"` : ' with an empty body';
  return new ToolError(
    failure.code ?? codeForStatus(failure.status),
    `${failure.provider} answered with status ${failure.status}${bodyText}.`,
    { hint: failure.hint, details: { provider: failure.provider, status: failure.status } },
  );
}

/**
 * Rethrows a failed request as the provider's own error when the provider
 * returned an error status, so its quota and key statuses get their meaning.
 * Timeouts, network failures and open circuits are rethrown as they are.
 */
export function rethrowAsProviderError(
  error: unknown,
  toProviderError: (status: number, body: string) => ToolError,
): never {
  if (isHttpError(error) && error.kind === 'status' && error.status !== undefined) {
    throw toProviderError(error.status, error.reason ?? error.bodySnippet ?? '');
  }
  throw error;
}
