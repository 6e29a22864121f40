import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, HttpError, type HttpClientOptions } from '../../shared/http/index.ts';
import { startStandIn, type StandIn, type StandInReply } from '../support/stand-in.ts';

const API_KEY = 'key-7f3a9c1e5b2d';

/** Replies per path, played in order. The last reply repeats. */
const script = new Map<string, StandInReply[]>();
let server: StandIn;

function answer(path: string, ...replies: StandInReply[]): string {
  script.set(path, replies);
  return path;
}

function client(options: Partial<HttpClientOptions> = {}) {
  return createHttpClient({
    upstream: 'Example API',
    timeoutMs: 2000,
    retryBaseDelayMs: 10,
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<HttpError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

beforeAll(async () => {
  server = await startStandIn((request) => {
    const replies = script.get(request.path);
    if (!replies?.length) return { status: 404, body: { error: true, reason: 'no such path' } };
    return (replies.length > 1 ? replies.shift() : replies[0]) ?? {};
  });
});

afterAll(async () => {
  await server.close();
});

describe('HttpClient requests', () => {
  it('sends query parameters and headers', async () => {
    const path = answer('/query', { body: { ok: true } });
    const http = client({ headers: { 'User-Agent': 'conduit-test' } });

    const response = await http.get<{ ok: boolean }>(server.url, path, {
      query: { name: '北京', count: 3, skip: undefined, list: ['a', 'b'] },
      headers: { 'X-Trace': 'abc' },
    });

    const received = server.requests.at(-1);
    expect(response.data).toEqual({ ok: true });
    expect(received?.query.get('name')).toBe('北京');
    expect(received?.query.get('count')).toBe('3');
    expect(received?.query.has('skip')).toBe(false);
    expect(received?.query.getAll('list')).toEqual(['a', 'b']);
    expect(received?.headers['user-agent']).toBe('conduit-test');
    expect(received?.headers['x-trace']).toBe('abc');
  });

  it('posts a form body', async () => {
    const path = answer('/form', { body: { translated: 'hello' } });

    await client().post(server.url, path, { form: { text: ['Hallo', 'Welt'], target_lang: 'EN' } });

    const received = server.requests.at(-1);
    expect(received?.method).toBe('POST');
    expect(received?.headers['content-type']).toContain('application/x-www-form-urlencoded');
    expect(new URLSearchParams(received?.body).getAll('text')).toEqual(['Hallo', 'Welt']);
  });

  it('posts a JSON body', async () => {
    const path = answer('/json', { body: { id: 1 } });

    await client().post(server.url, path, { json: { q: 'Grüße', source: 'de' } });

    const received = server.requests.at(-1);
    expect(received?.headers['content-type']).toContain('application/json');
    expect(JSON.parse(received?.body ?? '')).toEqual({ q: 'Grüße', source: 'de' });
  });

  it('returns text when asked for text', async () => {
    const path = answer('/text', { body: '<p>plain</p>' });

    const response = await client().get<string>(server.url, path, { responseType: 'text' });

    expect(response.data).toBe('<p>plain</p>');
  });

  it('keeps the base URL path prefix', async () => {
    answer('/prefix/v1/items', { body: [] });

    const response = await client().get(`${server.url}/prefix`, '/v1/items');

    expect(response.data).toEqual([]);
  });
});

describe('HttpClient host guard', () => {
  it.each(['//evil.example/x', 'https://evil.example/x', 'http:evil.example', '\\\\evil'])(
    'rejects path %s',
    async (path) => {
      await expect(client().get(server.url, path)).rejects.toThrow(/relative|host/);
    },
  );

  it('keeps query values out of the host', async () => {
    const path = answer('/guarded', { body: { ok: true } });

    await client().get(server.url, path, { query: { name: '@evil.example/#' } });

    expect(server.requests.at(-1)?.query.get('name')).toBe('@evil.example/#');
  });
});

describe('HttpClient errors', () => {
  it('reports a 400 with its reason', async () => {
    const path = answer('/bad', {
      status: 400,
      body: { reason: 'Latitude must be in range of -90 to 90°. Given: 999.0.', error: true },
    });

    const error = await failure(client().get(server.url, path));

    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.status).toBe(400);
    expect(error.reason).toBe('Latitude must be in range of -90 to 90°. Given: 999.0.');
    expect(error.message).toContain('Given: 999.0');
    expect(server.hits(path)).toBe(1);
  });

  it('turns an HTML error page into a snippet', async () => {
    const html =
      '<html><head><style>p{color:red}</style></head><body><h1>502 Bad Gateway</h1>' +
      '<p>nginx</p></body></html>';
    const path = answer('/html', { status: 502, body: html });

    const error = await failure(client({ retries: 0 }).get(server.url, path));

    expect(error.code).toBe('UNAVAILABLE');
    expect(error.status).toBe(502);
    expect(error.bodySnippet).toBe('502 Bad Gateway nginx');
    expect(error.reason).toBeUndefined();
  });

  it('turns an empty error body into a typed error', async () => {
    const path = answer('/empty', { status: 503, body: '' });

    const error = await failure(client({ retries: 0 }).get(server.url, path));

    expect(error.status).toBe(503);
    expect(error.bodySnippet).toBeUndefined();
    expect(error.message).toContain('empty body');
  });

  it('rejects an HTML page sent with status 200', async () => {
    const path = answer('/html-ok', {
      status: 200,
      body: '<html><body>Captive portal</body></html>',
    });

    const error = await failure(client().get(server.url, path));

    expect(error.kind).toBe('invalid-body');
    expect(error.code).toBe('UPSTREAM_ERROR');
    expect(error.bodySnippet).toBe('Captive portal');
  });

  it('times out on a hanging upstream', async () => {
    const path = answer('/hang', { hang: true });

    const error = await failure(client({ timeoutMs: 300 }).get(server.url, path));

    expect(error.kind).toBe('timeout');
    expect(error.code).toBe('TIMEOUT');
    expect(server.hits(path)).toBe(1);
  });

  it('reports a refused connection as unavailable', async () => {
    const closed = await startStandIn(() => ({}));
    await closed.close();

    const error = await failure(client({ retries: 1 }).get(closed.url, '/x'));

    expect(error.kind).toBe('network');
    expect(error.code).toBe('UNAVAILABLE');
  });

  it('stops when the caller cancels', async () => {
    const path = answer('/slow', { hang: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);

    const error = await failure(client().get(server.url, path, { signal: controller.signal }));

    expect(error.code).toBe('CANCELLED');
  });

  it('masks an API key the upstream echoes', async () => {
    const path = answer('/echo-key', {
      status: 403,
      body: { message: `Invalid key DeepL-Auth-Key ${API_KEY}` },
    });

    const error = await failure(
      client().get(server.url, path, { headers: { Authorization: `DeepL-Auth-Key ${API_KEY}` } }),
    );

    expect(error.code).toBe('PERMISSION_DENIED');
    expect(error.message).not.toContain(API_KEY);
    expect(error.bodySnippet).not.toContain(API_KEY);
    expect(JSON.stringify(error.details)).not.toContain(API_KEY);
  });

  it('masks a configured secret in the body', async () => {
    const path = answer('/echo-query-key', {
      status: 400,
      body: `<p>bad apikey=${API_KEY}</p>`,
    });

    const error = await failure(client({ secrets: [API_KEY] }).get(server.url, path));

    expect(error.bodySnippet).toBe('bad apikey=***');
  });
});

describe('HttpClient retries', () => {
  it('retries a 500 until it succeeds', async () => {
    const path = answer('/flaky', { status: 500, body: '' }, { status: 500 }, { body: { ok: 1 } });

    const response = await client().get(server.url, path);

    expect(response.data).toEqual({ ok: 1 });
    expect(server.hits(path)).toBe(3);
  });

  it('gives up after the configured retries', async () => {
    const path = answer('/down', { status: 500, body: { reason: 'database down' } });

    const error = await failure(client({ retries: 2 }).get(server.url, path));

    expect(error.code).toBe('UNAVAILABLE');
    expect(error.reason).toBe('database down');
    expect(server.hits(path)).toBe(3);
  });

  it('waits for a short Retry-After', async () => {
    const path = answer(
      '/limited',
      {
        status: 429,
        headers: { 'Retry-After': '1' },
        body: { error: true, reason: 'Minutely API request limit exceeded.' },
      },
      { body: { ok: true } },
    );
    const started = Date.now();

    const response = await client({ maxRetryDelayMs: 2000 }).get(server.url, path);

    expect(response.data).toEqual({ ok: true });
    expect(server.hits(path)).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('fails at once on a long Retry-After', async () => {
    const path = answer('/limited-long', {
      status: 429,
      headers: { 'Retry-After': '120' },
      body: { error: true, reason: 'Hourly API request limit exceeded.' },
    });

    const error = await failure(client().get(server.url, path));

    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAfterSeconds).toBe(120);
    expect(error.hint).toContain('120 seconds');
    expect(server.hits(path)).toBe(1);
  });

  it('sends once when retry is off', async () => {
    const path = answer('/once', { status: 500, body: '' });

    await failure(client().post(server.url, path, { json: {}, retry: false }));

    expect(server.hits(path)).toBe(1);
  });

  it('does not retry a 404', async () => {
    const path = answer('/missing', { status: 404, body: '' });

    const error = await failure(client().get(server.url, path));

    expect(error.code).toBe('NOT_FOUND');
    expect(server.hits(path)).toBe(1);
  });
});

describe('HttpClient circuit breaker', () => {
  it('opens after consecutive failures', async () => {
    const breakerServer = await startStandIn(() => ({ status: 500, body: '' }));
    const http = client({ retries: 0, breaker: { failureThreshold: 2, halfOpenAfterMs: 60_000 } });

    try {
      await failure(http.get(breakerServer.url, '/a'));
      await failure(http.get(breakerServer.url, '/a'));
      const error = await failure(http.get(breakerServer.url, '/a'));

      expect(error.kind).toBe('circuit-open');
      expect(error.code).toBe('UNAVAILABLE');
      expect(error.retryAfterSeconds).toBe(60);
      expect(breakerServer.requests).toHaveLength(2);
    } finally {
      await breakerServer.close();
    }
  });

  it('ignores client errors', async () => {
    const breakerServer = await startStandIn(() => ({ status: 400, body: { reason: 'bad' } }));
    const http = client({ breaker: { failureThreshold: 2, halfOpenAfterMs: 60_000 } });

    try {
      for (let attempt = 0; attempt < 3; attempt += 1)
        await failure(http.get(breakerServer.url, '/b'));

      expect(breakerServer.requests).toHaveLength(3);
    } finally {
      await breakerServer.close();
    }
  });
});

describe('HttpClient cache and coalescing', () => {
  it('serves a repeat from the cache', async () => {
    const path = answer('/cached', { body: { n: 1 } });
    const http = client();

    const first = await http.get(server.url, path, { cache: { ttlMs: 60_000 } });
    const second = await http.get(server.url, path, { cache: { ttlMs: 60_000 } });

    expect(first.fromCache).toBe(false);
    expect(second.fromCache).toBe(true);
    expect(second.data).toEqual({ n: 1 });
    expect(server.hits(path)).toBe(1);
    expect(http.stats().cacheHits).toBe(1);
  });

  it('fetches again after the TTL', async () => {
    const path = answer('/ttl', { body: { n: 2 } });
    const http = client();

    await http.get(server.url, path, { cache: { ttlMs: 30 } });
    await new Promise((resolve) => setTimeout(resolve, 60));
    const again = await http.get(server.url, path, { cache: { ttlMs: 30 } });

    expect(again.fromCache).toBe(false);
    expect(server.hits(path)).toBe(2);
  });

  it('uses the caller key', async () => {
    const path = answer('/keyed', { body: { n: 3 } });
    const http = client();

    await http.get(server.url, path, { query: { q: 1 }, cache: { key: 'same', ttlMs: 60_000 } });
    const second = await http.get(server.url, path, {
      query: { q: 2 },
      cache: { key: 'same', ttlMs: 60_000 },
    });

    expect(second.fromCache).toBe(true);
    expect(server.hits(path)).toBe(1);
  });

  it('does not cache failures', async () => {
    const path = answer('/fail-then-ok', { status: 400, body: '' }, { body: { ok: true } });
    const http = client();

    await failure(http.get(server.url, path, { cache: { ttlMs: 60_000 } }));
    const response = await http.get(server.url, path, { cache: { ttlMs: 60_000 } });

    expect(response.data).toEqual({ ok: true });
  });

  it('coalesces identical concurrent requests', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const gated = await startStandIn(async () => {
      await gate;
      return { body: { shared: true } };
    });
    const http = client();

    try {
      const calls = Array.from({ length: 10 }, () => http.get(gated.url, '/same'));
      await new Promise((resolve) => setTimeout(resolve, 50));
      release();
      const responses = await Promise.all(calls);

      expect(gated.requests).toHaveLength(1);
      expect(responses.filter((response) => response.shared)).toHaveLength(9);
      expect(responses.every((response) => (response.data as { shared: boolean }).shared)).toBe(
        true,
      );
    } finally {
      await gated.close();
    }
  });

  it('keeps requests with different keys apart', async () => {
    const path = answer('/per-key', { body: { ok: true } });
    const http = client();

    await Promise.all([
      http.get(server.url, path, { headers: { Authorization: 'Bearer first-key-123' } }),
      http.get(server.url, path, { headers: { Authorization: 'Bearer second-key-456' } }),
    ]);

    expect(server.hits(path)).toBe(2);
  });

  it('lets one waiter cancel without failing the others', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const gated = await startStandIn(async () => {
      await gate;
      return { body: { ok: true } };
    });
    const http = client();
    const controller = new AbortController();

    try {
      const cancelled = failure(http.get(gated.url, '/c', { signal: controller.signal }));
      const kept = http.get(gated.url, '/c');
      await new Promise((resolve) => setTimeout(resolve, 30));
      controller.abort();
      release();

      expect((await cancelled).code).toBe('CANCELLED');
      expect((await kept).data).toEqual({ ok: true });
      expect(gated.requests).toHaveLength(1);
    } finally {
      await gated.close();
    }
  });
});
