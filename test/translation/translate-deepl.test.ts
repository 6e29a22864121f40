import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTranslation, textOf, type ConnectedTranslation } from './support/connect.ts';
import { deeplOnlyFlags, startDeeplStandIn, type ProviderStandIn } from './support/providers.ts';
import { callTranslate } from './support/results.ts';

let deepl: ProviderStandIn;
let connected: ConnectedTranslation;

beforeAll(async () => {
  deepl = await startDeeplStandIn();
  connected = await connectTranslation(deeplOnlyFlags(deepl.url));
});

afterAll(async () => {
  await connected?.close();
  await deepl?.close();
});

function lastBody(): Record<string, unknown> {
  return JSON.parse(deepl.standIn.requests.at(-1)?.body ?? '{}') as Record<string, unknown>;
}

describe('DeepL through MCP', () => {
  it('translates English to Chinese', async () => {
    const { result, structured } = await callTranslate(connected.client, {
      text: 'Hello, world.',
      source: 'en-US',
      target: 'zh',
    });
    expect(result.isError).toBeFalsy();
    expect(structured.provider).toBe('deepl');
    expect(structured.translations[0]?.translation).toBe('你好，世界。');
    expect(lastBody().source_lang).toBe('EN');
    expect(lastBody().target_lang).toBe('ZH-HANS');
  });

  it('translates Chinese to English', async () => {
    const { structured } = await callTranslate(connected.client, {
      text: '你好，世界。',
      target: 'en',
    });
    expect(structured.translations[0]?.translation).toBe('Hello, world.');
    expect(structured.targetCode).toBe('EN-US');
    expect(structured.notes.join(' ')).toContain('EN-US');
    expect(structured.translations[0]?.detectedLanguage?.language).toBe('zh');
    expect(structured.translations[0]?.detectedLanguage?.detector).toBe('deepl');
    expect(lastBody().source_lang).toBeUndefined();
  });

  it('treats source auto as detection', async () => {
    const { result, structured } = await callTranslate(connected.client, {
      text: '早上好',
      source: 'auto',
      target: 'en-GB',
    });
    expect(result.isError).toBeFalsy();
    expect(structured.translations[0]?.translation).toBe('Good morning');
    expect(structured.translations[0]?.detectedLanguage?.language).toBe('zh');
    expect(lastBody().source_lang).toBeUndefined();
  });

  it('maps Traditional Chinese targets', async () => {
    const { structured } = await callTranslate(connected.client, {
      text: 'Good morning',
      source: 'en',
      target: 'zh-TW',
    });
    expect(structured.targetCode).toBe('ZH-HANT');
    expect(structured.notes).toEqual([]);
  });

  it('chooses Brazilian Portuguese for pt', async () => {
    const { structured } = await callTranslate(connected.client, {
      text: 'Good morning',
      source: 'en',
      target: 'pt',
    });
    expect(structured.targetCode).toBe('PT-BR');
    expect(structured.notes.join(' ')).toMatch(/PT-BR/);
    expect(structured.translations[0]?.translation).toBe('Bom dia');
  });

  it('sends formality where supported', async () => {
    await callTranslate(connected.client, {
      text: 'Good morning',
      source: 'en',
      target: 'de',
      formality: 'more',
    });
    expect(lastBody().formality).toBe('more');
  });

  it('drops formality where unsupported', async () => {
    const { structured } = await callTranslate(connected.client, {
      text: 'Good morning, world.',
      source: 'en',
      target: 'zh',
      formality: 'less',
    });
    expect(lastBody().formality).toBeUndefined();
    expect(structured.notes.join(' ')).toContain('formality');
  });

  it('sends the glossary with a source', async () => {
    await callTranslate(connected.client, {
      text: 'Good morning friend',
      source: 'en',
      target: 'es',
      glossaryId: 'b5972112-0000',
    });
    expect(lastBody().glossary_id).toBe('b5972112-0000');
  });

  it('rejects a glossary without source', async () => {
    const { result } = await callTranslate(connected.client, {
      text: 'Hello',
      target: 'es',
      glossaryId: 'g-1',
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('needs a source language');
  });

  it('translates HTML with tag handling', async () => {
    const { structured } = await callTranslate(connected.client, {
      text: '<p>Hello, world.</p><p><i>Good morning</i></p>',
      source: 'en',
      target: 'zh-Hans',
      format: 'html',
    });
    expect(lastBody().tag_handling).toBe('html');
    expect(structured.translations[0]?.translation).toBe('<p>你好，世界。</p><p><i>早上好</i></p>');
    expect(structured.translations[0]?.htmlProblems).toEqual([]);
  });

  it('serves a repeated request from the cache', async () => {
    const args = { text: 'Good morning', source: 'en', target: 'es' };
    await callTranslate(connected.client, args);
    const before = deepl.standIn.hits('/v2/translate');
    const { structured } = await callTranslate(connected.client, args);
    expect(deepl.standIn.hits('/v2/translate')).toBe(before);
    expect(structured.translations[0]?.translation).toBe('Buenos días');
  });

  it('reports quota exhaustion on 456', async () => {
    deepl.fail = 'quota';
    try {
      const { result } = await callTranslate(connected.client, {
        text: 'Good morning, quota',
        source: 'en',
        target: 'de',
      });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain('QUOTA_EXCEEDED');
      expect(textOf(result)).toContain('456');
    } finally {
      deepl.fail = 'none';
    }
  });

  it('lists languages from the API', async () => {
    const result = await connected.client.callTool({ name: 'list_languages', arguments: {} });
    const structured = result.structuredContent as {
      source: { tag: string; code: string }[];
      target: { tag: string; code: string; name: string }[];
    };
    expect(structured.source.map((item) => item.code)).toContain('ZH');
    const hant = structured.target.find((item) => item.code === 'ZH-HANT');
    expect(hant?.tag).toBe('zh-Hant');
    expect(hant?.name).toBe('Traditional Chinese');
  });
});

describe('DeepL key errors', () => {
  it('reports a rejected key without leaking it', async () => {
    const other = await connectTranslation([
      '--provider',
      'deepl',
      '--deepl-api-key',
      'wrong-secret-key',
      '--deepl-url',
      deepl.url,
    ]);
    try {
      const { result } = await callTranslate(other.client, {
        text: 'Hello',
        source: 'en',
        target: 'de',
      });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain('PERMISSION_DENIED');
      expect(textOf(result)).toContain('empty body');
      expect(textOf(result)).not.toContain('wrong-secret-key');
    } finally {
      await other.close();
    }
  });

  it('reports a missing key', async () => {
    const other = await connectTranslation(['--provider', 'deepl']);
    try {
      const { result } = await callTranslate(other.client, { text: 'Hello', target: 'de' });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain('--deepl-api-key');
    } finally {
      await other.close();
    }
  });
});
