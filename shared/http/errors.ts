import { ToolError, type ToolErrorCode } from '../errors.ts';

/** Failure category, for callers that map failures to their own messages. */
export type HttpFailureKind =
  /** The upstream returned a status outside 2xx. */
  | 'status'
  /** No response arrived within the timeout. */
  | 'timeout'
  /** The connection failed: refused, reset, DNS. */
  | 'network'
  /** The circuit breaker for this host is open after repeated failures. */
  | 'circuit-open'
  /** A 2xx response whose body is not the JSON the caller expected. */
  | 'invalid-body'
  /** The caller's AbortSignal fired. */
  | 'cancelled';

export interface HttpErrorFacts {
  kind: HttpFailureKind;
  /** Name shown to users, such as "Open-Meteo" or "DeepL". */
  upstream: string;
  /** HTTP status; undefined when no response arrived. */
  status?: number;
  /** The explanation the upstream gave in a JSON error body, secrets masked. */
  reason?: string;
  /** A short excerpt of the response body, HTML stripped, secrets masked. */
  bodySnippet?: string;
  /** Seconds the upstream asked callers to wait (`Retry-After`), or until a broken circuit closes. */
  retryAfterSeconds?: number;
  /** Host of the request, never its query string (which may carry an API key). */
  host?: string;
}

function codeFor(facts: HttpErrorFacts): ToolErrorCode {
  switch (facts.kind) {
    case 'timeout':
      return 'TIMEOUT';
    case 'network':
    case 'circuit-open':
      return 'UNAVAILABLE';
    case 'cancelled':
      return 'CANCELLED';
    case 'invalid-body':
      return 'UPSTREAM_ERROR';
    case 'status':
      break;
  }

  const status = facts.status ?? 0;
  if (status === 429) return 'RATE_LIMITED';
  if (status === 400 || status === 422) return 'INVALID_ARGUMENT';
  if (status === 401 || status === 403) return 'PERMISSION_DENIED';
  if (status === 404) return 'NOT_FOUND';
  if (status === 413 || status === 414) return 'TOO_LARGE';
  if (status >= 500) return 'UNAVAILABLE';
  return 'UPSTREAM_ERROR';
}

function messageFor(facts: HttpErrorFacts): string {
  const { upstream } = facts;
  switch (facts.kind) {
    case 'timeout':
      return `${upstream} did not answer in time.`;
    case 'network':
      return `${upstream} could not be reached${facts.host ? ` at ${facts.host}` : ''}.`;
    case 'circuit-open':
      return `${upstream} failed several times in a row, so requests to it are paused.`;
    case 'cancelled':
      return `The request to ${upstream} was cancelled.`;
    case 'invalid-body':
      return `${upstream} sent a response that is not valid JSON${facts.bodySnippet ? `: "${facts.bodySnippet}"` : ''}.`;
    case 'status':
      break;
  }
  const detail = facts.reason ?? facts.bodySnippet;
  return `${upstream} returned HTTP ${facts.status}${detail ? `: ${detail}` : ' with an empty body'}.`;
}

function hintFor(facts: HttpErrorFacts, code: ToolErrorCode): string {
  const wait =
    facts.retryAfterSeconds === undefined ? 'a minute' : `${facts.retryAfterSeconds} seconds`;
  switch (code) {
    case 'RATE_LIMITED':
    case 'QUOTA_EXCEEDED':
      return `Wait ${wait} before calling ${facts.upstream} again.`;
    case 'TIMEOUT':
      return 'Retry once; ask for less data if it keeps timing out.';
    case 'UNAVAILABLE':
      return `Try again in ${wait}; ${facts.upstream} is down or unreachable from this server.`;
    case 'INVALID_ARGUMENT':
      return 'Correct the argument the message names and call again.';
    case 'PERMISSION_DENIED':
      return 'Check the API key the server was started with.';
    case 'CANCELLED':
      return 'Call again if the result is still needed.';
    default:
      return 'Retry once; if it fails again, report the message to the server operator.';
  }
}

/**
 * Failed HTTP request as a ToolError, with a stable code derived from the
 * status. The facts (status, upstream, reason, body snippet, Retry-After)
 * stay available, so a server can map them to its own message, such as
 * DeepL's 456 to QUOTA_EXCEEDED.
 */
export class HttpError extends ToolError {
  readonly kind: HttpFailureKind;
  readonly upstream: string;
  readonly status: number | undefined;
  readonly reason: string | undefined;
  readonly bodySnippet: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(facts: HttpErrorFacts) {
    const code = codeFor(facts);
    super(code, messageFor(facts), {
      hint: hintFor(facts, code),
      details: {
        upstream: facts.upstream,
        ...(facts.status === undefined ? {} : { status: facts.status }),
        ...(facts.retryAfterSeconds === undefined
          ? {}
          : { retryAfterSeconds: facts.retryAfterSeconds }),
      },
    });
    this.name = 'HttpError';
    this.kind = facts.kind;
    this.upstream = facts.upstream;
    this.status = facts.status;
    this.reason = facts.reason;
    this.bodySnippet = facts.bodySnippet;
    this.retryAfterSeconds = facts.retryAfterSeconds;
  }
}

export function isHttpError(error: unknown): error is HttpError {
  return error instanceof HttpError;
}
