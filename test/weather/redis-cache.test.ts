import { randomUUID } from 'node:crypto';
import { createClient } from '@keyv/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findService } from '../support/services.ts';
import { connectWeather } from './support/connect.ts';
import { startOpenMeteoStandIn, type OpenMeteoStandIn } from './support/open-meteo-stand-in.ts';

const redis = await findService('redis');
const cacheNamespace = `weather-test-${randomUUID()}`;

describe.skipIf(!redis.available)('weather cache in Redis', () => {
  let standIn: OpenMeteoStandIn;
  const inspector = createClient({ url: redis.url });

  beforeAll(async () => {
    standIn = await startOpenMeteoStandIn();
    await inspector.connect();
  });

  afterAll(async () => {
    const keys = await inspector.keys(`${cacheNamespace}*`);
    if (keys.length) await inspector.del(keys);
    await inspector.quit();
    await standIn.close();
  });

  it('shares responses between two servers', async () => {
    const first = await connectWeather(standIn.url, { redisUrl: redis.url, cacheNamespace });
    const second = await connectWeather(standIn.url, { redisUrl: redis.url, cacheNamespace });

    try {
      const fromUpstream = await first.client.callTool({
        name: 'get_forecast',
        arguments: { place: 'Berlin', days: 3 },
      });
      const hitsAfterFirst = standIn.requests.length;
      const fromCache = await second.client.callTool({
        name: 'get_forecast',
        arguments: { place: 'Berlin', days: 3 },
      });

      expect(fromUpstream.isError).toBeFalsy();
      expect(fromCache.isError).toBeFalsy();
      expect(fromCache.structuredContent).toMatchObject({
        daily: (fromUpstream.structuredContent as { daily: unknown[] }).daily,
      });
      expect(standIn.requests.length).toBe(hitsAfterFirst);
      expect(second.api.http.stats().cacheHits).toBe(2);
      expect(await inspector.keys(`${cacheNamespace}*`)).toHaveLength(2);
    } finally {
      await first.close();
      await second.close();
    }
  });
});
