/**
 * Shared HTTP client for public APIs (Open-Meteo, DeepL, LibreTranslate, MyMemory).
 *
 * ```ts
 * const http = createHttpClient({
 *   upstream: 'DeepL',                  // name used in errors and logs
 *   logger,                             // optional; API keys never reach it
 *   timeoutMs: 10_000,                  // budget per request, retries included
 *   retries: 2,                         // network errors, 429 and 5xx; backoff with jitter
 *   maxRetryDelayMs: 5_000,             // a longer Retry-After fails at once instead
 *   breaker: { failureThreshold: 5, halfOpenAfterMs: 30_000 },  // per host; false = off
 *   cache: { redisUrl, namespace: 'translation' },               // memory without redisUrl
 *   headers: { 'User-Agent': 'conduit-mcp' },                    // sent with every request
 *   secrets: [apiKey],                  // masked in every error snippet
 * });
 *
 * const { data, fromCache, shared } = await http.request<Answer>({
 *   method: 'POST',                     // or 'GET' (default)
 *   baseUrl,                            // from configuration only
 *   path: '/v2/translate',              // relative; another host is rejected
 *   query: { a: 1, list: ['x', 'y'] },  // arrays repeat the key
 *   form: { text: ['Hallo'] },          // or json: {...}
 *   headers: { Authorization: `DeepL-Auth-Key ${key}` },
 *   responseType: 'json',               // or 'text'
 *   cache: { key: 'deepl|de|en|text|Hallo', ttlMs: 86_400_000 },  // leave out to skip
 *   retry: false,                       // send once
 *   coalesce: true,                     // default for GET and cached requests
 *   signal,                             // call.signal of the tool
 * });
 * // Shorthands: http.get(baseUrl, path, options), http.post(baseUrl, path, options).
 * await http.close();
 * ```
 *
 * Every failure is an `HttpError` (a `ToolError`) with `kind` (status,
 * timeout, network, circuit-open, invalid-body, cancelled), `status`,
 * `upstream`, `reason` (from a JSON error body), `bodySnippet` (HTML
 * stripped, at most 200 characters, secrets masked) and `retryAfterSeconds`.
 * Its `code` follows the status (429 RATE_LIMITED, 400 INVALID_ARGUMENT,
 * 401/403 PERMISSION_DENIED, 404 NOT_FOUND, 413 TOO_LARGE, 5xx UNAVAILABLE).
 * Callers rethrow their own ToolError for statuses such as DeepL's 456.
 * Cache keys are hashed (SHA-256) before they are stored.
 */
export { HttpClient, createHttpClient } from './client.ts';
export { HttpError, isHttpError, type HttpErrorFacts, type HttpFailureKind } from './errors.ts';
export { bodySnippet, parseBody, upstreamReason, type ParsedBody } from './body.ts';
export { parseRetryAfter } from './retry-after.ts';
export { buildUrl, type QueryParams, type QueryValue } from './url.ts';
export { hashCacheKey } from './cache.ts';
export type { BreakerOptions } from './breakers.ts';
export type {
  FormValue,
  HttpClientOptions,
  HttpClientStats,
  HttpRequest,
  HttpResponse,
} from './types.ts';
