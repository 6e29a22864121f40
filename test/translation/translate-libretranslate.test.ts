import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseOptions } from '../../shared/config/options.ts';
import { silentLogger } from '../../shared/logging.ts';
import { translationModule } from '../../servers/translation/module.ts';
import { translationOptions } from '../../servers/translation/options.ts';
import { connectTranslation, textOf, type ConnectedTranslation } from './support/connect.ts';
import { startLibreTranslateStandIn, type ProviderStandIn } from './support/providers.ts';
import { callTranslate } from './support/results.ts';

const API_KEY = 'libre-secret-1234';

let libre: ProviderStandIn;
let connected: ConnectedTranslation;

beforeAll(async () => {
  libre = await startLibreTranslateStandIn({ apiKey: API_KEY });
  connected = await connectTranslation([
    '--provider',
    'libretranslate',
    '--libretranslate-url',
    libre.url,
    '--libretranslate-api-key',
    API_KEY,
  ]);
});

afterAll(async () => {
  await connected?.close();
  await libre?.close();
});

function lastTranslateBody(): Record<string, unknown> {
  const request = libre.standIn.requests.filter((item) => item.path === '/translate').at(-1);
  return JSON.parse(request?.body ?? '{}') as Record<string, unknown>;
}

describe('LibreTranslate through MCP', () => {
  it('translates English to Chinese', async () => {
    const { result, structured } = await callTranslate(connected.client, {
      text: 'The weather is nice today.',
      source: 'en',
      target: 'zh-CN',
    });
    expect(result.isError).toBeFalsy();
    expect(structured.provider).toBe('libretranslate');
    expect(structured.targetCode).toBe('zh-Hans');
    expect(structured.translations[0]?.translation).toBe('今天天气很好。');
    expect(lastTranslateBody().api_key).toBe(API_KEY);
  });

  it('translates Chinese to English with detection', async () => {
    const { structured } = await callTranslate(connected.client, {
      text: '今天天气很好。',
      target: 'en',
    });
    const first = structured.translations[0];
    expect(first?.translation).toBe('The weather is nice today.');
    expect(lastTranslateBody().source).toBe('auto');
    expect(first?.detectedLanguage?.language).toBe('zh-Hans');
    expect(first?.detectedLanguage?.confidence).toBeCloseTo(0.88);
    expect(first?.detectedLanguage?.detector).toBe('libretranslate');
  });

  it('maps zh-TW to zh-Hant', async () => {
    const { structured } = await callTranslate(connected.client, {
      text: 'Good morning',
      source: 'en',
      target: 'zh-TW',
    });
    expect(structured.targetCode).toBe('zh-Hant');
  });

  it('sends several texts in one request', async () => {
    const before = libre.standIn.hits('/translate');
    const { structured } = await callTranslate(connected.client, {
      text: ['Hello, world.', 'Good morning'],
      source: 'en',
      target: 'es',
    });
    expect(libre.standIn.hits('/translate')).toBe(before + 1);
    expect(structured.translations.map((item) => item.translation)).toEqual([
      'Hola, mundo.',
      'Buenos días',
    ]);
  });

  it('reports an unsupported language', async () => {
    const { result } = await callTranslate(connected.client, {
      text: 'Hello',
      source: 'en',
      target: 'ja',
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('UNSUPPORTED');
    expect(textOf(result)).toContain('list_languages');
  });

  it('reports Slowdown as rate limited', async () => {
    libre.fail = 'rate-limit';
    try {
      const { result } = await callTranslate(connected.client, {
        text: 'Hello, slow world.',
        source: 'en',
        target: 'es',
      });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain('RATE_LIMITED');
      expect(textOf(result)).toContain('Slowdown');
    } finally {
      libre.fail = 'none';
    }
  });

  it('detects with the provider', async () => {
    const result = await connected.client.callTool({
      name: 'detect_language',
      arguments: { text: '今天天气很好，我们去公园吧。' },
    });
    const structured = result.structuredContent as {
      language: string;
      reliable: boolean;
      detector: string;
      candidates: { language: string; score: number }[];
      offline: { detector: string; candidates: { language: string }[] };
    };
    expect(structured.language).toBe('zh-Hans');
    expect(structured.detector).toBe('libretranslate');
    expect(structured.candidates[0]?.score).toBeCloseTo(0.92);
    expect(structured.offline.candidates[0]?.language).toBe('zh');
    expect(structured.reliable).toBe(true);
  });

  it('lists the server languages', async () => {
    const result = await connected.client.callTool({ name: 'list_languages', arguments: {} });
    const structured = result.structuredContent as {
      target: { tag: string; nativeName?: string }[];
    };
    const tags = structured.target.map((item) => item.tag);
    expect(tags).toEqual(expect.arrayContaining(['zh-Hans', 'zh-Hant', 'pt-BR']));
    expect(structured.target.find((item) => item.tag === 'zh-Hant')?.nativeName).toBe('繁體中文');
  });

  it('keeps requests under the server limit', async () => {
    const limited = await startLibreTranslateStandIn({ charLimit: 60 });
    const other = await connectTranslation([
      '--provider',
      'libretranslate',
      '--libretranslate-url',
      limited.url,
    ]);
    try {
      const english = ['Hello, world.', 'The weather is nice today.', "Let's go to the park!"];
      const chinese = ['你好，世界。', '今天天气很好。', '我们去公园吧！'];
      const order = [0, 1, 2, 1, 0, 2, 2, 1];
      const text = order.map((index) => english[index]).join(' ');
      const { result, structured } = await callTranslate(other.client, {
        text,
        source: 'en',
        target: 'zh',
      });
      expect(result.isError, textOf(result)).toBeFalsy();
      expect(structured.translations[0]?.translation).toBe(
        order.map((index) => chinese[index]).join(''),
      );
      const requests = limited.standIn.requests.filter((item) => item.path === '/translate');
      expect(requests.length).toBeGreaterThan(1);
      for (const request of requests) {
        const body = JSON.parse(request.body) as { q: string | string[] };
        const total = [body.q].flat().reduce((sum, item) => sum + item.length, 0);
        expect(total).toBeLessThanOrEqual(60);
      }
    } finally {
      await other.close();
      await limited.close();
    }
  });

  it('reports a missing API key', async () => {
    const other = await connectTranslation([
      '--provider',
      'libretranslate',
      '--libretranslate-url',
      libre.url,
    ]);
    try {
      const { result } = await callTranslate(other.client, {
        text: 'Hello',
        source: 'en',
        target: 'es',
      });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain('PERMISSION_DENIED');
      expect(textOf(result)).toContain('--libretranslate-api-key');
    } finally {
      await other.close();
    }
  });

  it('rejects a chain with no usable provider at start', () => {
    const { values } = parseOptions(translationOptions, ['--provider', 'libretranslate'], {});
    expect(() => translationModule.open(values, silentLogger())).toThrow(ConfigError);
    expect(() => translationModule.open(values, silentLogger())).toThrow(/--libretranslate-url/);
  });

  it('reports a missing URL', async () => {
    const other = await connectTranslation(['--provider', 'libretranslate']);
    try {
      const { result } = await callTranslate(other.client, { text: 'Hello', target: 'es' });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain('--libretranslate-url');
    } finally {
      await other.close();
    }
  });
});
