import { createHash } from 'node:crypto';
import type { AxiosError, AxiosInstance } from 'axios';
import { silentLogger, type Logger } from '../logging.ts';
import { bodySnippet, parseBody, upstreamReason } from './body.ts';
import { DEFAULT_BREAKER, HostBreakers } from './breakers.ts';
import { ResponseCache } from './cache.ts';
import { InFlightRequests } from './coalesce.ts';
import { HttpError } from './errors.ts';
import { parseRetryAfter } from './retry-after.ts';
import type { HttpClientOptions, HttpClientStats, HttpRequest, HttpResponse } from './types.ts';
import { buildUrl, describeUrl } from './url.ts';

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_RETRIES = 2;
const DEFAULT_RETRY_BASE_DELAY_MS = 250;
const DEFAULT_MAX_RETRY_DELAY_MS = 5_000;
const DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

/** Header names whose values are credentials. */
const SECRET_HEADER = /auth|key|token|secret|cookie/i;

interface PreparedRequest {
  method: 'GET' | 'POST';
  url: URL;
  body: string | undefined;
  headers: Record<string, string>;
  secrets: string[];
  responseType: 'json' | 'text';
  retry: boolean;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

function encodeForm(form: NonNullable<HttpRequest['form']>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) {
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) {
      if (item !== undefined && item !== null) params.append(key, String(item));
    }
  }
  return params.toString();
}

/** Credentials found in request headers, including the token after a scheme such as `Bearer`. */
function headerSecrets(headers: Record<string, string>): string[] {
  const secrets: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (!SECRET_HEADER.test(name)) continue;
    secrets.push(value);
    const token = value.split(/\s+/).pop();
    if (token && token !== value) secrets.push(token);
  }
  return secrets;
}

/**
 * HTTP client for public APIs: timeouts, retries with exponential backoff
 * and jitter (axios-retry), a circuit breaker per host (cockatiel), a
 * response cache (keyv, optionally Redis) and coalescing of identical
 * concurrent requests. axios, keyv and cockatiel are imported on the first
 * request, so creating a client costs nothing at start-up.
 */
export class HttpClient {
  readonly upstream: string;
  readonly #logger: Logger;
  readonly #timeoutMs: number;
  readonly #retries: number;
  readonly #retryBaseDelayMs: number;
  readonly #maxRetryDelayMs: number;
  readonly #maxResponseBytes: number;
  readonly #headers: Record<string, string>;
  readonly #secrets: string[];
  readonly #cache: ResponseCache;
  readonly #breakers: HostBreakers | undefined;
  readonly #inFlight = new InFlightRequests();
  readonly #stats: HttpClientStats = { upstreamAttempts: 0, cacheHits: 0, sharedResponses: 0 };
  #axios: Promise<AxiosInstance> | undefined;

  constructor(options: HttpClientOptions) {
    this.upstream = options.upstream;
    this.#logger = options.logger ?? silentLogger();
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#retries = options.retries ?? DEFAULT_RETRIES;
    this.#retryBaseDelayMs = options.retryBaseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS;
    this.#maxRetryDelayMs = options.maxRetryDelayMs ?? DEFAULT_MAX_RETRY_DELAY_MS;
    this.#maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.#headers = { ...options.headers };
    this.#secrets = [
      ...(options.secrets ?? []).filter((secret): secret is string => Boolean(secret)),
      ...headerSecrets(this.#headers),
    ];
    this.#cache = new ResponseCache({
      namespace: options.cache?.namespace ?? 'conduit:http',
      logger: this.#logger,
      ...(options.cache?.redisUrl ? { redisUrl: options.cache.redisUrl } : {}),
      ...(options.cache?.maxEntries ? { maxEntries: options.cache.maxEntries } : {}),
    });
    this.#breakers =
      options.breaker === false
        ? undefined
        : new HostBreakers({ ...DEFAULT_BREAKER, ...options.breaker }, this.upstream, this.#logger);
  }

  /** Counters since the client was created, for tests and benchmarks. */
  stats(): HttpClientStats {
    return { ...this.#stats };
  }

  get cacheBackend(): 'redis' | 'memory' {
    return this.#cache.backend;
  }

  get<T = unknown>(
    baseUrl: string,
    path: string,
    options: Omit<HttpRequest, 'baseUrl' | 'path' | 'method'> = {},
  ): Promise<HttpResponse<T>> {
    return this.request<T>({ ...options, method: 'GET', baseUrl, path });
  }

  post<T = unknown>(
    baseUrl: string,
    path: string,
    options: Omit<HttpRequest, 'baseUrl' | 'path' | 'method'> = {},
  ): Promise<HttpResponse<T>> {
    return this.request<T>({ ...options, method: 'POST', baseUrl, path });
  }

  /**
   * Sends one request, or serves it from the cache or from an identical
   * request already in flight. Every failure is an HttpError.
   */
  async request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>> {
    const prepared = this.#prepare(request);
    const identity = `${prepared.method} ${prepared.url.href} ${prepared.body ?? ''}`;

    const cacheKey = request.cache ? (request.cache.key ?? identity) : undefined;
    if (cacheKey !== undefined) {
      const cached = await this.#cache.get(cacheKey);
      if (cached) {
        this.#stats.cacheHits += 1;
        return { status: cached.status, data: cached.data as T, fromCache: true, shared: false };
      }
    }

    const fetch = async (signal: AbortSignal | undefined) => {
      const response = await this.#guarded(prepared, signal);
      if (cacheKey !== undefined && request.cache) {
        await this.#cache.set(cacheKey, response, request.cache.ttlMs);
      }
      return response;
    };

    const coalesce = request.coalesce ?? (prepared.method === 'GET' || cacheKey !== undefined);
    if (!coalesce) {
      const response = await fetch(request.signal);
      return { status: response.status, data: response.data as T, fromCache: false, shared: false };
    }

    // Credentials are part of the identity, so two callers with different keys never share a response.
    const flightKey = sha256(
      cacheKey ?? `${identity} ${JSON.stringify(Object.entries(prepared.headers).sort())}`,
    );
    const { value, shared } = await this.#inFlight.join(
      flightKey,
      fetch,
      request.signal,
      this.upstream,
    );
    if (shared) this.#stats.sharedResponses += 1;
    return { status: value.status, data: value.data as T, fromCache: false, shared };
  }

  async close(): Promise<void> {
    await this.#cache.close();
  }

  #prepare(request: HttpRequest): PreparedRequest {
    const method = request.method ?? 'GET';
    const url = buildUrl(request.baseUrl, request.path, request.query);
    const headers: Record<string, string> = { ...this.#headers, ...request.headers };

    let body: string | undefined;
    if (request.form !== undefined) {
      body = encodeForm(request.form);
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    } else if (request.json !== undefined) {
      body = JSON.stringify(request.json);
      headers['Content-Type'] = 'application/json';
    }
    headers.Accept ??= 'application/json';

    return {
      method,
      url,
      body,
      headers,
      secrets: [...this.#secrets, ...headerSecrets(request.headers ?? {})],
      responseType: request.responseType ?? 'json',
      retry: request.retry ?? true,
    };
  }

  async #guarded(
    prepared: PreparedRequest,
    signal: AbortSignal | undefined,
  ): Promise<{ status: number; data: unknown }> {
    if (!this.#breakers) return this.#send(prepared, signal);
    return this.#breakers.execute(prepared.url.host, () => this.#send(prepared, signal));
  }

  async #send(
    prepared: PreparedRequest,
    signal: AbortSignal | undefined,
  ): Promise<{ status: number; data: unknown }> {
    const axios = await this.#client();
    const deadline = AbortSignal.timeout(this.#timeoutMs);
    const combined = signal ? AbortSignal.any([signal, deadline]) : deadline;

    let status: number;
    let text: string;
    try {
      const response = await axios.request<string>({
        url: prepared.url.href,
        method: prepared.method,
        data: prepared.body,
        headers: prepared.headers,
        timeout: this.#timeoutMs,
        signal: combined,
        'axios-retry': { retries: prepared.retry ? this.#retries : 0 },
      });
      status = response.status;
      text = typeof response.data === 'string' ? response.data : String(response.data ?? '');
    } catch (error) {
      throw this.#toHttpError(error, prepared, signal, deadline);
    }

    if (prepared.responseType === 'text') return { status, data: text };

    const body = parseBody(text);
    if (body.kind !== 'json') {
      throw new HttpError({
        kind: 'invalid-body',
        upstream: this.upstream,
        status,
        host: prepared.url.host,
        bodySnippet: body.kind === 'empty' ? '(empty body)' : bodySnippet(text, prepared.secrets),
      });
    }
    return { status, data: body.value };
  }

  #toHttpError(
    error: unknown,
    prepared: PreparedRequest,
    signal: AbortSignal | undefined,
    deadline: AbortSignal,
  ): HttpError {
    const base = { upstream: this.upstream, host: prepared.url.host };
    const axiosError = error as Partial<AxiosError<string>>;
    const response = axiosError.response;

    if (response) {
      const text = typeof response.data === 'string' ? response.data : '';
      const body = parseBody(text);
      const reason = upstreamReason(body);
      const retryAfterSeconds = parseRetryAfter(response.headers?.['retry-after']);
      return new HttpError({
        ...base,
        kind: 'status',
        status: response.status,
        ...(reason ? { reason: bodySnippet(reason, prepared.secrets) } : {}),
        ...(text.trim() ? { bodySnippet: bodySnippet(text, prepared.secrets) } : {}),
        ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      });
    }

    if (signal?.aborted) return new HttpError({ ...base, kind: 'cancelled' });
    const code = axiosError.code;
    if (deadline.aborted || code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
      return new HttpError({ ...base, kind: 'timeout' });
    }
    if (code === 'ERR_BAD_RESPONSE' || code === 'ERR_FR_MAX_BODY_LENGTH_EXCEEDED') {
      return new HttpError({
        ...base,
        kind: 'invalid-body',
        bodySnippet: `(unreadable or larger than ${this.#maxResponseBytes} bytes)`,
      });
    }

    this.#logger.debug(
      { upstream: this.upstream, url: describeUrl(prepared.url), code },
      'request failed without a response',
    );
    return new HttpError({ ...base, kind: 'network' });
  }

  #client(): Promise<AxiosInstance> {
    this.#axios ??= this.#createAxios();
    return this.#axios;
  }

  async #createAxios(): Promise<AxiosInstance> {
    const [{ default: axios }, retryModule] = await Promise.all([
      import('axios'),
      import('axios-retry'),
    ]);
    const axiosRetry = retryModule.default;

    const instance = axios.create({
      responseType: 'text',
      // parseBody reads the raw text, so HTML or empty bodies reach the error handling intact.
      transformResponse: [(data: unknown) => data],
      maxContentLength: this.#maxResponseBytes,
      maxBodyLength: this.#maxResponseBytes,
      // A redirect could lead to another host; the upstream's base URL should be configured directly.
      maxRedirects: 0,
    });

    instance.interceptors.request.use((config) => {
      this.#stats.upstreamAttempts += 1;
      return config;
    });

    axiosRetry(instance, {
      retries: this.#retries,
      retryCondition: (error) => this.#shouldRetry(error, axiosRetry.isNetworkError),
      retryDelay: (retryCount, error) =>
        Math.min(
          axiosRetry.exponentialDelay(retryCount, error, this.#retryBaseDelayMs),
          this.#maxRetryDelayMs,
        ),
      onRetry: (retryCount, error, config) => {
        this.#logger.warn(
          {
            upstream: this.upstream,
            url: config.url ? describeUrl(new URL(config.url)) : undefined,
            attempt: retryCount + 1,
            status: error.response?.status,
            code: error.code,
          },
          'retrying request',
        );
      },
    });
    return instance;
  }

  /** Retries network errors, 429 and 5xx, unless Retry-After requests a longer wait than maxRetryDelayMs. */
  #shouldRetry(error: AxiosError, isNetworkError: (error: AxiosError) => boolean): boolean {
    if (error.config?.signal?.aborted) return false;

    const response = error.response;
    // Timeouts are not retried: the time budget covers all attempts, and it is spent.
    if (!response) return error.code !== 'ETIMEDOUT' && isNetworkError(error);

    if (response.status !== 429 && response.status < 500) return false;

    const retryAfterSeconds = parseRetryAfter(response.headers['retry-after']);
    return retryAfterSeconds === undefined || retryAfterSeconds * 1000 <= this.#maxRetryDelayMs;
  }
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  return new HttpClient(options);
}
