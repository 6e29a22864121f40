import type { HttpClient } from '../../../../shared/http/index.ts';
import {
  DEEPL_FORMALITY_TARGETS,
  DEEPL_SOURCE_LANGUAGES,
  DEEPL_TARGET_LANGUAGES,
  deeplCodeToTag,
  deeplLanguage,
} from '../../languages/deepl-codes.ts';
import { chooseLanguage, type LanguageChoice } from '../../languages/match.ts';
import type { LanguageTag } from '../../languages/tags.ts';
import { countCharacters } from '../../text/measure.ts';
import { LANGUAGES_TTL_MS, TRANSLATION_TTL_MS, translationCacheKey } from '../cache.ts';
import type {
  ProviderLanguages,
  ProviderTranslateRequest,
  ProviderTranslation,
  TranslationProvider,
} from '../types.ts';
import { rethrowAsProviderError } from '../upstream.ts';
import { unsupportedLanguage } from '../unsupported.ts';
import { deeplError, parseDeeplLanguages, parseDeeplTranslations } from './parse.ts';

export const DEEPL_FREE_URL = 'https://api-free.deepl.com';
export const DEEPL_PRO_URL = 'https://api.deepl.com';

/** Picks the API host for a key: keys of the free plan end in `:fx`. */
export function deeplBaseUrl(apiKey: string, override: string | undefined): string {
  if (override) return override;
  return apiKey.endsWith(':fx') ? DEEPL_FREE_URL : DEEPL_PRO_URL;
}

export interface DeeplSettings {
  apiKey: string;
  baseUrl: string;
  http: HttpClient;
}

/**
 * DeepL API v2 through the shared HTTP client. Texts go out in batches of up
 * to 50 per request, and requests stay well under DeepL's 128 KiB body limit.
 */
export function createDeeplProvider(settings: DeeplSettings): TranslationProvider {
  const { http, baseUrl } = settings;
  const headers = { Authorization: `DeepL-Auth-Key ${settings.apiKey}` };

  async function fetchList(type: 'source' | 'target', signal: AbortSignal) {
    try {
      const response = await http.request<string>({
        baseUrl,
        path: '/v2/languages',
        query: { type },
        headers,
        responseType: 'text',
        cache: { key: `deepl|languages|${type}`, ttlMs: LANGUAGES_TTL_MS },
        signal,
      });
      return parseDeeplLanguages(response.data);
    } catch (error) {
      return rethrowAsProviderError(error, deeplError);
    }
  }

  function choose(tag: LanguageTag, role: 'source' | 'target'): LanguageChoice {
    const list = role === 'source' ? DEEPL_SOURCE_LANGUAGES : DEEPL_TARGET_LANGUAGES;
    return chooseLanguage(tag, list, 'DeepL') ?? unsupportedLanguage('DeepL', tag, role);
  }

  return {
    name: 'deepl',
    limits: {
      maxPieceSize: 30_000,
      maxTextsPerRequest: 50,
      maxRequestSize: 60_000,
      measure: countCharacters,
    },
    features: { glossary: true, html: true, autoDetect: true, detect: false },

    sourceCode: async (tag) => choose(tag, 'source'),
    targetCode: async (tag) => choose(tag, 'target'),
    supportsFormality: (code) => DEEPL_FORMALITY_TARGETS.has(code),
    tagOf: deeplCodeToTag,

    async translate(request: ProviderTranslateRequest): Promise<ProviderTranslation[]> {
      const json = {
        text: request.texts,
        target_lang: request.target,
        ...(request.source ? { source_lang: request.source } : {}),
        ...(request.format === 'html' ? { tag_handling: 'html' } : {}),
        ...(request.formality ? { formality: request.formality } : {}),
        ...(request.glossaryId ? { glossary_id: request.glossaryId } : {}),
      };
      const key = translationCacheKey(
        'deepl',
        [request.source, request.target, request.format, request.formality, request.glossaryId],
        request.texts,
      );

      try {
        const response = await http.request<string>({
          method: 'POST',
          baseUrl,
          path: '/v2/translate',
          json,
          headers,
          responseType: 'text',
          cache: { key, ttlMs: TRANSLATION_TTL_MS },
          signal: request.signal,
        });
        return parseDeeplTranslations(response.data);
      } catch (error) {
        return rethrowAsProviderError(error, deeplError);
      }
    },

    async languages(signal): Promise<ProviderLanguages> {
      const [source, target] = await Promise.all([
        fetchList('source', signal),
        fetchList('target', signal),
      ]);
      return {
        source: source.map((item) => deeplLanguage(item.language, item.name)),
        target: target.map((item) => deeplLanguage(item.language, item.name)),
      };
    },
  };
}
