import type { HttpClient } from '../../../../shared/http/index.ts';
import { MYMEMORY_LANGUAGE_TAGS, mymemoryLanguage } from '../../languages/mymemory-codes.ts';
import { parseLanguageTag } from '../../languages/tags.ts';
import { decodeEntities } from '../../text/entities.ts';
import { countUtf8Bytes } from '../../text/measure.ts';
import { TRANSLATION_TTL_MS, translationCacheKey } from '../cache.ts';
import type { ProviderLanguages, TranslationProvider } from '../types.ts';
import { rethrowAsProviderError } from '../upstream.ts';
import { mymemoryError, parseMymemoryTranslation } from './parse.ts';

export const MYMEMORY_URL = 'https://api.mymemory.translated.net';

export interface MymemorySettings {
  baseUrl: string;
  /** Sent as `de`; MyMemory grants a larger daily quota to requests that carry an email address. */
  email: string | undefined;
  http: HttpClient;
}

/**
 * MyMemory's /get endpoint through the shared HTTP client: one text per
 * request, at most 500 bytes, and no HTML handling, so the server sends it
 * only the text between tags.
 */
export function createMymemoryProvider(settings: MymemorySettings): TranslationProvider {
  const { http, baseUrl, email } = settings;

  async function translateOne(text: string, source: string, target: string, signal: AbortSignal) {
    let body: string;
    try {
      const response = await http.request<string>({
        baseUrl,
        path: '/get',
        query: { q: text, langpair: `${source}|${target}`, ...(email ? { de: email } : {}) },
        responseType: 'text',
        cache: {
          key: translationCacheKey('mymemory', [source, target, 'text'], [text]),
          ttlMs: TRANSLATION_TTL_MS,
        },
        signal,
      });
      body = response.data;
    } catch (error) {
      return rethrowAsProviderError(error, mymemoryError);
    }
    return decodeEntities(parseMymemoryTranslation(body));
  }

  return {
    name: 'mymemory',
    limits: {
      maxPieceSize: 500,
      maxTextsPerRequest: 1,
      maxRequestSize: 500,
      measure: countUtf8Bytes,
    },
    features: { glossary: false, html: false, autoDetect: false, detect: false },

    sourceCode: async (tag) => mymemoryLanguage(tag),
    targetCode: async (tag) => mymemoryLanguage(tag),
    supportsFormality: () => false,
    tagOf: (code) => code,

    async translate(request) {
      const source = request.source;
      if (!source)
        throw new Error('MyMemory needs a source language; the caller detects it first.');

      const results = [];
      for (const text of request.texts) {
        results.push({ text: await translateOne(text, source, request.target, request.signal) });
      }
      return results;
    },

    async languages(): Promise<ProviderLanguages> {
      const list = MYMEMORY_LANGUAGE_TAGS.map((code) => ({ code, tag: parseLanguageTag(code) }));
      return { source: list, target: list };
    },
  };
}
