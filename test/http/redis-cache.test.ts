import { randomUUID } from 'node:crypto';
import { createClient } from '@keyv/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../shared/http/index.ts';
import { findService } from '../support/services.ts';
import { startStandIn, type StandIn } from '../support/stand-in.ts';

const redis = await findService('redis');
const namespace = `http-test-${randomUUID()}`;

describe.skipIf(!redis.available)('HttpClient Redis cache', () => {
  let server: StandIn;
  const inspector = createClient({ url: redis.url });

  beforeAll(async () => {
    server = await startStandIn(() => ({ body: { temperature: 21.5 } }));
    await inspector.connect();
  });

  afterAll(async () => {
    const keys = await inspector.keys(`${namespace}*`);
    if (keys.length) await inspector.del(keys);
    await inspector.quit();
    await server.close();
  });

  function client() {
    return createHttpClient({
      upstream: 'Example API',
      cache: { redisUrl: redis.url, namespace },
    });
  }

  it('shares entries between clients', async () => {
    const first = client();
    const second = client();

    try {
      const stored = await first.get(server.url, '/shared', { cache: { ttlMs: 60_000 } });
      const reused = await second.get(server.url, '/shared', { cache: { ttlMs: 60_000 } });

      expect(second.cacheBackend).toBe('redis');
      expect(stored.fromCache).toBe(false);
      expect(reused.fromCache).toBe(true);
      expect(reused.data).toEqual({ temperature: 21.5 });
      expect(server.hits('/shared')).toBe(1);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('stores hashed keys with a TTL', async () => {
    const http = client();
    const secretText = 'DeepL-Auth-Key secret-text-in-key';

    try {
      await http.get(server.url, '/hashed', { cache: { key: secretText, ttlMs: 60_000 } });
      const keys = await inspector.keys(`${namespace}*`);
      const ttls = await Promise.all(keys.map((key) => inspector.pTTL(key)));

      expect(keys.length).toBeGreaterThan(0);
      expect(keys.join(' ')).not.toContain('secret-text');
      expect(ttls.every((ttl) => ttl > 0 && ttl <= 60_000)).toBe(true);
    } finally {
      await http.close();
    }
  });

  it('falls back to the upstream when Redis is unreachable', async () => {
    const http = createHttpClient({
      upstream: 'Example API',
      cache: { redisUrl: 'redis://127.0.0.1:1', namespace },
    });

    try {
      const response = await http.get(server.url, '/no-redis', { cache: { ttlMs: 60_000 } });

      expect(response.data).toEqual({ temperature: 21.5 });
    } finally {
      await http.close();
    }
  });
});
