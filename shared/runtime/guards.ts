import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase();
  return (
    LOOPBACK_NAMES.has(name) || /^127\.\d+\.\d+\.\d+$/.test(name) || name.endsWith('.localhost')
  );
}

/** Returns the host name of a Host header without its port. IPv6 literals keep their brackets. */
export function hostHeaderName(header: string): string {
  const value = header.trim().toLowerCase();
  if (value.startsWith('[')) return value.slice(0, value.indexOf(']') + 1);
  return value.split(':')[0] ?? '';
}

export interface GuardOptions {
  bindHost: string;
  authToken: string | undefined;
  allowedOrigins: readonly string[];
  allowedHosts: readonly string[];
}

export interface GuardRejection {
  status: 401 | 403;
  message: string;
}

/**
 * Checks the Host header against DNS rebinding: a page on evil.example whose
 * name resolves to 127.0.0.1 still sends `Host: evil.example`. A server bound
 * to loopback accepts only loopback names. A server bound elsewhere already
 * requires a token, so it checks Host only when --allowed-hosts is given.
 */
function checkHost(req: IncomingMessage, options: GuardOptions): GuardRejection | undefined {
  const header = req.headers.host;
  if (!header) return { status: 403, message: 'Missing Host header.' };

  const name = hostHeaderName(header);
  const bindName = options.bindHost.toLowerCase();
  const explicit =
    options.allowedHosts.includes(name) || name === bindName || name === `[${bindName}]`;
  if (explicit) return undefined;
  if (isLoopbackHost(options.bindHost)) {
    if (isLoopbackHost(name)) return undefined;
  } else if (options.allowedHosts.length === 0) {
    return undefined;
  }
  return {
    status: 403,
    message: `Host "${name}" is not allowed. Add it with --allowed-hosts if it is yours.`,
  };
}

/** Browsers always send Origin on cross-site requests; other clients usually send none. */
function checkOrigin(req: IncomingMessage, options: GuardOptions): GuardRejection | undefined {
  const origin = req.headers.origin;
  if (origin === undefined) return undefined;

  if (options.allowedOrigins.includes(origin)) return undefined;
  try {
    const url = new URL(origin);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname)) {
      return undefined;
    }
  } catch {
    // An Origin that is not a URL (such as "null") is rejected below.
  }
  return {
    status: 403,
    message: `Origin "${origin}" is not allowed. Add it with --allowed-origins if it is yours.`,
  };
}

function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function checkToken(req: IncomingMessage, options: GuardOptions): GuardRejection | undefined {
  if (options.authToken === undefined) return undefined;

  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (match?.[1] && sameSecret(match[1].trim(), options.authToken)) return undefined;
  return {
    status: 401,
    message: header
      ? 'The bearer token is not valid.'
      : 'Missing bearer token. Send "Authorization: Bearer <token>".',
  };
}

/** Returns the first guard's rejection of the request, or undefined when every guard passes. */
export function checkRequest(
  req: IncomingMessage,
  options: GuardOptions,
): GuardRejection | undefined {
  return checkHost(req, options) ?? checkOrigin(req, options) ?? checkToken(req, options);
}
