import type { Logger } from '../logging.ts';
import type { BreakerOptions } from './breakers.ts';
import type { QueryParams } from './url.ts';

export type FormValue = string | number | boolean | undefined | null;

export interface HttpClientOptions {
  /** Name used in errors and logs, such as "Open-Meteo". */
  upstream: string;
  logger?: Logger;
  /** Budget for one request including its retries, in milliseconds. Default 10000. */
  timeoutMs?: number;
  /** Retries after the first attempt on network errors, 429 and 5xx. Default 2. */
  retries?: number;
  /** First backoff step in milliseconds; each retry doubles it and adds up to 20% jitter. Default 250. */
  retryBaseDelayMs?: number;
  /**
   * Maximum wait before a retry, in milliseconds. When `Retry-After` requests
   * a longer wait, the request fails at once with RATE_LIMITED or UNAVAILABLE
   * and the requested wait in `retryAfterSeconds`. Default 5000.
   */
  maxRetryDelayMs?: number;
  /** Circuit breaker per host; `false` turns it off. */
  breaker?: Partial<BreakerOptions> | false;
  /** Response cache: in memory unless `redisUrl` is set. */
  cache?: { redisUrl?: string; namespace?: string; maxEntries?: number };
  /** Headers sent with every request, such as User-Agent. */
  headers?: Record<string, string>;
  /** Values masked wherever an error could quote them (API keys). */
  secrets?: readonly (string | undefined)[];
  /** Largest response body accepted, in bytes. Default 5 MiB. */
  maxResponseBytes?: number;
}

export interface HttpRequest {
  method?: 'GET' | 'POST';
  /** A base URL from the server's configuration, never from tool input. */
  baseUrl: string;
  /** Path below the base URL, written in code: `/v1/forecast`. */
  path: string;
  query?: QueryParams;
  /** Sent as `application/x-www-form-urlencoded`; an array repeats the key. */
  form?: Record<string, FormValue | readonly FormValue[]>;
  /** Sent as `application/json`. */
  json?: unknown;
  /** Extra headers for this request, such as `Authorization: DeepL-Auth-Key …`; their values never reach a log. */
  headers?: Record<string, string>;
  /** `json` (default) fails with kind `invalid-body` when a 2xx body is not JSON; `text` returns it as is. */
  responseType?: 'json' | 'text';
  /**
   * Caches successful responses for `ttlMs`. `key` defaults to method, URL
   * and body, so pass one that names what the response depends on. Keys are
   * hashed before they are stored. Leave `cache` out to skip the cache.
   */
  cache?: { key?: string; ttlMs: number };
  /** `false` sends the request exactly once. Default true, which retries POST requests too. */
  retry?: boolean;
  /** Shares one upstream call among identical concurrent requests. Default: on for GET and for cached requests. */
  coalesce?: boolean;
  signal?: AbortSignal;
}

export interface HttpResponse<T> {
  status: number;
  data: T;
  /** Served from the cache without an upstream call. */
  fromCache: boolean;
  /** Served by an upstream call that another identical request started. */
  shared: boolean;
}

export interface HttpClientStats {
  /** Requests actually sent upstream, retries included. */
  upstreamAttempts: number;
  cacheHits: number;
  sharedResponses: number;
}
