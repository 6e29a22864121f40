import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTranslation, textOf, type ConnectedTranslation } from './support/connect.ts';
import { startMymemoryStandIn, type ProviderStandIn } from './support/providers.ts';
import { callTranslate } from './support/results.ts';

let mymemory: ProviderStandIn;
let connected: ConnectedTranslation;

beforeAll(async () => {
  mymemory = await startMymemoryStandIn();
  connected = await connectTranslation([
    '--mymemory-url',
    mymemory.url,
    '--mymemory-email',
    'user@example.com',
  ]);
});

afterAll(async () => {
  await connected?.close();
  await mymemory?.close();
});

function translate(args: Record<string, unknown>) {
  return callTranslate(connected.client, args);
}

describe('MyMemory through MCP', () => {
  it('translates English to Chinese', async () => {
    const { result, structured } = await translate({
      text: 'Hello, world.',
      source: 'en',
      target: 'zh-CN',
    });
    expect(result.isError).toBeFalsy();
    expect(structured.provider).toBe('mymemory');
    expect(structured.targetCode).toBe('zh-CN');
    expect(structured.translations[0]?.translation).toBe('你好，世界。');
    expect(textOf(result)).toContain('你好，世界。');
  });

  it('translates Chinese to English', async () => {
    const { structured } = await translate({ text: '你好，世界。', source: 'zh', target: 'en' });
    expect(structured.translations[0]?.translation).toBe('Hello, world.');
  });

  it('sends langpair and de', async () => {
    await translate({ text: 'Good morning', source: 'en', target: 'zh-TW' });
    const last = mymemory.standIn.requests.at(-1);
    expect(last?.query.get('langpair')).toBe('en|zh-TW');
    expect(last?.query.get('de')).toBe('user@example.com');
  });

  it('detects the source offline', async () => {
    const { structured } = await translate({ text: '今天天气很好。我们去公园吧！', target: 'en' });
    const first = structured.translations[0];
    expect(first?.detectedLanguage?.language).toBe('zh');
    expect(first?.detectedLanguage?.detector).toBe('eld');
    expect(first?.detectedLanguage?.confidence).toBeGreaterThan(0);
    expect(mymemory.standIn.requests.at(-1)?.query.get('langpair')).toBe('zh-CN|en');
  });

  it('splits long Chinese text under 500 bytes', async () => {
    const sentences = ['今天天气很好。', '我们去公园吧！'];
    const text = Array.from({ length: 30 }, (_, index) => sentences[index % 2]).join('');
    const before = mymemory.standIn.hits('/get');
    const { structured } = await translate({ text, source: 'zh-CN', target: 'en' });
    const requests = mymemory.standIn.requests.slice(before);
    expect(requests.length).toBeGreaterThan(1);
    for (const request of requests) {
      expect(Buffer.byteLength(request.query.get('q') ?? '')).toBeLessThanOrEqual(500);
    }
    const english = Array.from({ length: 30 }, (_, index) =>
      index % 2 === 0 ? 'The weather is nice today.' : "Let's go to the park!",
    ).join(' ');
    expect(structured.translations[0]?.translation).toBe(english);
    expect(structured.translations[0]?.pieces).toBe(requests.length);
  });

  it('decodes HTML entities', async () => {
    const { structured } = await translate({ text: '我们去公园吧！', source: 'zh', target: 'en' });
    expect(structured.translations[0]?.translation).toBe("Let's go to the park!");
  });

  it('flags an unchanged result', async () => {
    const { structured } = await translate({
      text: 'Untranslatable words',
      source: 'en',
      target: 'es',
    });
    expect(structured.translations[0]?.unchanged).toBe(true);
  });

  it('keeps HTML tags', async () => {
    const html = '<p>Hello, world. <b>Good morning</b></p><code>Good morning</code>';
    const { structured } = await translate({
      text: html,
      source: 'en',
      target: 'zh',
      format: 'html',
    });
    expect(structured.translations[0]?.translation).toBe(
      '<p>你好，世界。<b>早上好</b></p><code>Good morning</code>',
    );
    expect(structured.translations[0]?.htmlProblems).toEqual([]);
  });

  it('translates a list', async () => {
    const { structured } = await translate({
      text: ['Hello, world.', 'Good morning'],
      source: 'en',
      target: 'es',
    });
    expect(structured.translations.map((item) => item.translation)).toEqual([
      'Hola, mundo.',
      'Buenos días',
    ]);
  });

  it('reports the quota inside HTTP 200', async () => {
    mymemory.fail = 'quota';
    try {
      const { result } = await translate({
        text: 'Hello again, world.',
        source: 'en',
        target: 'zh',
      });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain('QUOTA_EXCEEDED');
      expect(textOf(result)).not.toContain('你好');
      expect(textOf(result)).toContain('--mymemory-email');
    } finally {
      mymemory.fail = 'none';
    }
  });

  it('reports an invalid target language', async () => {
    const { result } = await translate({ text: 'Hello, world.', source: 'en', target: 'tlh' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('INVALID_ARGUMENT');
    expect(textOf(result)).toContain('INVALID TARGET LANGUAGE');
  });

  it('rejects an invalid tag', async () => {
    const { result } = await translate({ text: 'Hello', target: 'english please' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('"english please" is not a valid BCP 47 language tag');
  });

  it('returns text already in the target', async () => {
    const before = mymemory.standIn.hits('/get');
    const { structured } = await translate({
      text: 'Hello, world.',
      source: 'en-US',
      target: 'en-GB',
    });
    expect(structured.translations[0]?.translation).toBe('Hello, world.');
    expect(structured.notes.join(' ')).toContain('already in en-GB');
    expect(mymemory.standIn.hits('/get')).toBe(before);
  });

  it('detects languages offline', async () => {
    const detect = async (text: string, format = 'text') => {
      const result = await connected.client.callTool({
        name: 'detect_language',
        arguments: { text, format },
      });
      return result.structuredContent as {
        language: string | null;
        reliable: boolean;
        detector: string;
        candidates: { language: string; name?: string; score: number }[];
      };
    };

    const chinese = await detect('今天天气很好，我们一起去公园散步吧。');
    expect(chinese.language).toBe('zh');
    expect(chinese.detector).toBe('eld');
    expect(chinese.reliable).toBe(true);
    expect(chinese.candidates[0]?.name).toBe('Chinese');

    const english = await detect(
      '<p>The weather is <b>very nice</b> today, so we walk to the park.</p>',
      'html',
    );
    expect(english.language).toBe('en');
    expect(english.candidates.length).toBeGreaterThan(1);

    const short = await detect('Hola');
    expect(short.detector).toBe('franc-min');
    expect(short.reliable).toBe(false);
  });

  it('lists languages with names', async () => {
    const result = await connected.client.callTool({ name: 'list_languages', arguments: {} });
    const structured = result.structuredContent as {
      provider: string;
      target: { tag: string; name: string; nativeName?: string }[];
    };
    expect(structured.provider).toBe('mymemory');
    const chinese = structured.target.find((item) => item.tag === 'zh-CN');
    expect(chinese?.name).toBe('Chinese (China)');
    expect(chinese?.nativeName).toBe('中文（中国）');
  });
});
