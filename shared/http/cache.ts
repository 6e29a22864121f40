import { createHash } from 'node:crypto';
import type { Keyv } from 'keyv';
import type { Logger } from '../logging.ts';

/** Cache entry for one successful response. */
export interface CachedResponse {
  status: number;
  data: unknown;
}

export interface ResponseCacheOptions {
  /** A Redis URL shares the cache between instances; without it the cache lives in this process. */
  redisUrl?: string;
  /** Prefix of every key, so servers and test suites sharing one Redis do not collide. */
  namespace: string;
  /** Maximum number of entries the in-memory cache keeps before it drops the oldest. */
  maxEntries?: number;
  logger: Logger;
}

export const DEFAULT_MAX_MEMORY_ENTRIES = 2000;

/** Maximum wait for one cache read or write before it counts as a miss. */
const OPERATION_TIMEOUT_MS = 1000;
/** After a failure the cache is skipped for this long, so an outage does not slow every request. */
const PAUSE_AFTER_FAILURE_MS = 30_000;

/**
 * Hashes a caller's cache key, so the text it was built from (which may
 * contain an API key or a user's text) never reaches Redis or a log in clear.
 */
export function hashCacheKey(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}

/** Map that drops its oldest entry past a size limit, so a long-running server cannot grow without bound. */
class BoundedMap<V> extends Map<string, V> {
  constructor(private readonly maxEntries: number) {
    super();
  }

  override set(key: string, value: V): this {
    if (this.has(key)) this.delete(key);
    super.set(key, value);
    while (this.size > this.maxEntries) {
      const oldest = this.keys().next();
      if (oldest.done) break;
      this.delete(oldest.value);
    }
    return this;
  }
}

/**
 * Response cache on keyv: in memory by default, in Redis when a URL is
 * given. Cache failures are logged and treated as misses, because a cache
 * outage must not fail a request the upstream can still serve.
 */
export class ResponseCache {
  readonly #options: ResponseCacheOptions;
  #keyv: Promise<Keyv> | undefined;
  #errorsLogged = 0;
  #pausedUntil = 0;

  constructor(options: ResponseCacheOptions) {
    this.#options = options;
  }

  get backend(): 'redis' | 'memory' {
    return this.#options.redisUrl ? 'redis' : 'memory';
  }

  async get(key: string): Promise<CachedResponse | undefined> {
    const value = await this.#attempt('read', async (keyv) => keyv.get(hashCacheKey(key)));
    return (value ?? undefined) as CachedResponse | undefined;
  }

  async set(key: string, value: CachedResponse, ttlMs: number): Promise<void> {
    await this.#attempt('write', (keyv) => keyv.set(hashCacheKey(key), value, ttlMs));
  }

  async #attempt<T>(operation: string, run: (keyv: Keyv) => Promise<T>): Promise<T | undefined> {
    if (Date.now() < this.#pausedUntil) return undefined;

    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`cache ${operation} took longer than ${OPERATION_TIMEOUT_MS} ms`)),
        OPERATION_TIMEOUT_MS,
      );
    });
    try {
      return await Promise.race([this.#open().then(run), timeout]);
    } catch (error) {
      this.#pausedUntil = Date.now() + PAUSE_AFTER_FAILURE_MS;
      this.#logError(error, operation);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    const pending = this.#keyv;
    this.#keyv = undefined;
    if (!pending) return;
    try {
      const keyv = await pending;
      await keyv.disconnect();
    } catch (error) {
      this.#logError(error, 'close');
    }
  }

  #open(): Promise<Keyv> {
    this.#keyv ??= this.#create();
    return this.#keyv;
  }

  async #create(): Promise<Keyv> {
    const { Keyv } = await import('keyv');
    const { namespace, redisUrl, logger } = this.#options;

    let keyv: Keyv;
    if (redisUrl) {
      const { default: KeyvRedis } = await import('@keyv/redis');
      const store = new KeyvRedis(redisUrl, {
        namespace,
        throwOnConnectError: false,
        connectionTimeout: 2000,
      });
      keyv = new Keyv({ store, namespace, useKeyPrefix: false });
      // Failures must reach #attempt, which pauses the cache, instead of reading as misses.
      keyv.throwOnErrors = true;
    } else {
      const store = new BoundedMap<unknown>(this.#options.maxEntries ?? DEFAULT_MAX_MEMORY_ENTRIES);
      keyv = new Keyv({ store, namespace });
    }

    keyv.on('error', (error: unknown) => this.#logError(error, 'store'));
    logger.debug({ backend: this.backend, namespace }, 'response cache opened');
    return keyv;
  }

  #logError(error: unknown, operation: string): void {
    // A Redis outage fails every call, so only the first few errors and every 100th are logged.
    this.#errorsLogged += 1;
    if (this.#errorsLogged > 5 && this.#errorsLogged % 100 !== 0) return;
    this.#options.logger.warn(
      { err: error, operation, backend: this.backend, count: this.#errorsLogged },
      'response cache failed; continuing without it for 30 s',
    );
  }
}
