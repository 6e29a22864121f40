import type { HttpClient } from '../../../../shared/http/index.ts';
import { libreTranslateLanguage } from '../../languages/libretranslate-codes.ts';
import {
  chooseLanguage,
  type LanguageChoice,
  type ProviderLanguage,
} from '../../languages/match.ts';
import type { LanguageTag } from '../../languages/tags.ts';
import { countCharacters } from '../../text/measure.ts';
import { LANGUAGES_TTL_MS, TRANSLATION_TTL_MS, translationCacheKey } from '../cache.ts';
import type { ProviderLanguages, TranslationProvider } from '../types.ts';
import { unsupportedLanguage } from '../unsupported.ts';
import { rethrowAsProviderError } from '../upstream.ts';
import {
  libreTranslateError,
  parseLibreTranslateDetections,
  parseLibreTranslateLanguages,
  parseLibreTranslateTranslations,
} from './parse.ts';

export interface LibreTranslateSettings {
  baseUrl: string;
  apiKey: string | undefined;
  http: HttpClient;
}

/**
 * Creates a provider for a LibreTranslate server on the shared HTTP client. Each server
 * installs its own language models, so codes are matched against its own
 * /languages list, which is cached for a day.
 */
export function createLibreTranslateProvider(
  settings: LibreTranslateSettings,
): TranslationProvider {
  const { http, baseUrl, apiKey } = settings;
  const credentials = apiKey ? { api_key: apiKey } : {};

  async function post<T>(path: string, json: object, signal: AbortSignal, cacheKey?: string) {
    try {
      const response = await http.request<string>({
        method: 'POST',
        baseUrl,
        path,
        json: { ...json, ...credentials },
        responseType: 'text',
        ...(cacheKey ? { cache: { key: cacheKey, ttlMs: TRANSLATION_TTL_MS } } : {}),
        signal,
      });
      return response.data as T;
    } catch (error) {
      return rethrowAsProviderError(error, libreTranslateError);
    }
  }

  async function languages(signal: AbortSignal): Promise<ProviderLanguages> {
    let body: string;
    try {
      const response = await http.request<string>({
        baseUrl,
        path: '/languages',
        responseType: 'text',
        cache: { key: 'libretranslate|languages', ttlMs: LANGUAGES_TTL_MS },
        signal,
      });
      body = response.data;
    } catch (error) {
      return rethrowAsProviderError(error, libreTranslateError);
    }

    const list = parseLibreTranslateLanguages(body);
    const source = list
      .map((item) => libreTranslateLanguage(item.code, item.name))
      .filter((item): item is ProviderLanguage => item !== undefined);
    const targetCodes = new Set(list.flatMap((item) => item.targets ?? [item.code]));
    const target = source.filter((item) => targetCodes.has(item.code));
    return { source, target };
  }

  async function choose(
    tag: LanguageTag,
    role: 'source' | 'target',
    signal: AbortSignal,
  ): Promise<LanguageChoice> {
    const list = await languages(signal);
    const choice = chooseLanguage(tag, list[role], 'LibreTranslate');
    return choice ?? unsupportedLanguage('LibreTranslate', tag, role);
  }

  return {
    name: 'libretranslate',
    // NOTE: each server sets its own character limit (unlimited by default);
    // these sizes are a conservative estimate that the public servers accept.
    limits: {
      maxPieceSize: 2_000,
      maxTextsPerRequest: 20,
      maxRequestSize: 5_000,
      measure: countCharacters,
    },
    features: { glossary: false, html: true, autoDetect: true, detect: true },

    sourceCode: (tag, signal) => choose(tag, 'source', signal),
    targetCode: (tag, signal) => choose(tag, 'target', signal),
    supportsFormality: () => false,
    tagOf: (code) => libreTranslateLanguage(code)?.tag.tag ?? code,

    async translate(request) {
      const source = request.source ?? 'auto';
      const q = request.texts.length === 1 ? request.texts[0] : request.texts;
      const key = translationCacheKey(
        'libretranslate',
        [source, request.target, request.format],
        request.texts,
      );
      const body = await post<string>(
        '/translate',
        { q, source, target: request.target, format: request.format },
        request.signal,
        key,
      );
      return parseLibreTranslateTranslations(body);
    },

    languages,

    async detect(text, signal) {
      const body = await post<string>('/detect', { q: text }, signal);
      return parseLibreTranslateDetections(body);
    },
  };
}
