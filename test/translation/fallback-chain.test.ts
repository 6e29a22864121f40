import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTranslation, textOf, type ConnectedTranslation } from './support/connect.ts';
import {
  DEEPL_TEST_KEY,
  startDeeplStandIn,
  startLibreTranslateStandIn,
  startMymemoryStandIn,
  type ProviderStandIn,
} from './support/providers.ts';
import { callTranslate } from './support/results.ts';

let deepl: ProviderStandIn;
let libre: ProviderStandIn;
let mymemory: ProviderStandIn;
let connected: ConnectedTranslation;

beforeAll(async () => {
  deepl = await startDeeplStandIn();
  libre = await startLibreTranslateStandIn();
  mymemory = await startMymemoryStandIn();
  connected = await connectTranslation([
    '--provider',
    'deepl,libretranslate,mymemory',
    '--deepl-api-key',
    DEEPL_TEST_KEY,
    '--deepl-url',
    deepl.url,
    '--libretranslate-url',
    libre.url,
    '--mymemory-url',
    mymemory.url,
    '--timeout-ms',
    '5000',
  ]);
});

afterAll(async () => {
  await connected?.close();
  await Promise.all([deepl?.close(), libre?.close(), mymemory?.close()]);
});

function reset(): void {
  deepl.fail = 'none';
  libre.fail = 'none';
  mymemory.fail = 'none';
}

describe('fallback chain', () => {
  it('uses the first provider', async () => {
    reset();
    const { structured } = await callTranslate(connected.client, {
      text: 'Hello, world.',
      source: 'en',
      target: 'zh',
    });
    expect(structured.provider).toBe('deepl');
    expect(structured.fallbacks).toEqual([]);
  });

  it('falls back on DeepL 456', async () => {
    reset();
    deepl.fail = 'quota';
    const { structured, result } = await callTranslate(connected.client, {
      text: 'The weather is nice today.',
      source: 'en',
      target: 'zh',
    });
    expect(structured.provider).toBe('libretranslate');
    expect(structured.translations[0]?.translation).toBe('今天天气很好。');
    expect(structured.fallbacks.map((item) => [item.provider, item.code])).toEqual([
      ['deepl', 'QUOTA_EXCEEDED'],
    ]);
    expect(textOf(result)).toContain('Translated by libretranslate');
  });

  it('falls back on DeepL 429', async () => {
    reset();
    deepl.fail = 'rate-limit';
    const { structured } = await callTranslate(connected.client, {
      text: '我们去公园吧！',
      source: 'zh',
      target: 'en',
    });
    expect(structured.provider).toBe('libretranslate');
    expect(structured.translations[0]?.translation).toBe("Let's go to the park!");
    expect(structured.fallbacks[0]?.code).toBe('RATE_LIMITED');
  });

  it('reaches the last provider', async () => {
    reset();
    deepl.fail = 'quota';
    libre.fail = 'down';
    const { structured } = await callTranslate(connected.client, {
      text: 'Good morning',
      source: 'en',
      target: 'zh-TW',
    });
    expect(structured.provider).toBe('mymemory');
    expect(structured.translations[0]?.translation).toBe('早上好');
    expect(structured.fallbacks.map((item) => item.provider)).toEqual(['deepl', 'libretranslate']);
    expect(structured.fallbacks[1]?.code).toBe('UNAVAILABLE');
  });

  it('fails when every provider fails', async () => {
    reset();
    deepl.fail = 'quota';
    libre.fail = 'rate-limit';
    mymemory.fail = 'quota';
    const { result } = await callTranslate(connected.client, {
      text: 'Good morning, everyone',
      source: 'en',
      target: 'es',
    });
    const text = textOf(result);
    expect(result.isError).toBe(true);
    expect(text).toContain('No provider could complete the request');
    expect(text).toContain('DeepL answered with status 456');
    expect(text).toContain('Slowdown');
    expect(text).toContain('MYMEMORY WARNING');
    reset();
  });

  it('stops on an invalid argument', async () => {
    reset();
    const before = libre.standIn.hits('/translate');
    const { result } = await callTranslate(connected.client, {
      text: 'Hello',
      target: 'es',
      glossaryId: 'g-1',
    });
    expect(result.isError).toBe(true);
    expect(libre.standIn.hits('/translate')).toBe(before);
  });
});
