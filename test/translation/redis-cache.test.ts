import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findService } from '../support/services.ts';
import { connectTranslation } from './support/connect.ts';
import { startMymemoryStandIn, type ProviderStandIn } from './support/providers.ts';
import { callTranslate } from './support/results.ts';

const redis = await findService('redis');

describe.skipIf(!redis.available)('translation cache in Redis', () => {
  let mymemory: ProviderStandIn;

  beforeAll(async () => {
    mymemory = await startMymemoryStandIn();
  });

  afterAll(async () => {
    await mymemory?.close();
  });

  it('shares translations between instances', async () => {
    const flags = ['--mymemory-url', mymemory.url, '--redis', redis.url];
    // A text of its own per run, so an entry left by an earlier run cannot match.
    const text = `Good morning ${randomUUID()}`;
    const args = { text, source: 'en', target: 'zh' };

    const first = await connectTranslation(flags);
    try {
      const { structured } = await callTranslate(first.client, args);
      expect(structured.translations[0]?.translation).toBe(text.replace('Good morning', '早上好'));
    } finally {
      await first.close();
    }
    const hits = mymemory.standIn.hits('/get');

    const second = await connectTranslation(flags);
    try {
      const { structured } = await callTranslate(second.client, args);
      expect(structured.translations[0]?.translation).toBe(text.replace('Good morning', '早上好'));
      expect(mymemory.standIn.hits('/get')).toBe(hits);
    } finally {
      await second.close();
    }
  });
});
