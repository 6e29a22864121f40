import { z } from 'zod';
import type { ToolError } from '../../../../shared/errors.ts';
import type { ProviderTranslation } from '../types.ts';
import { parseShape } from '../shape.ts';
import { upstreamError } from '../upstream.ts';

const translationsSchema = z.object({
  translations: z.array(
    z.object({
      text: z.string(),
      detected_source_language: z.string().optional(),
    }),
  ),
});

const languagesSchema = z.array(
  z.object({
    language: z.string(),
    name: z.string(),
    supports_formality: z.boolean().optional(),
  }),
);

const usageSchema = z.object({
  character_count: z.number(),
  character_limit: z.number(),
});

export type DeeplLanguageList = z.output<typeof languagesSchema>;
export type DeeplUsage = z.output<typeof usageSchema>;

export function parseDeeplTranslations(body: string): ProviderTranslation[] {
  const parsed = parseShape('DeepL', 'translations', translationsSchema, body);
  return parsed.translations.map((item) => {
    const translation: ProviderTranslation = { text: item.text };
    if (item.detected_source_language) translation.detectedLanguage = item.detected_source_language;
    return translation;
  });
}

export function parseDeeplLanguages(body: string): DeeplLanguageList {
  return parseShape('DeepL', 'a language list', languagesSchema, body);
}

export function parseDeeplUsage(body: string): DeeplUsage {
  return parseShape('DeepL', 'usage figures', usageSchema, body);
}

/**
 * Turns a DeepL error status into a ToolError. DeepL returns 403 with an
 * empty body for a bad key, 413 with an nginx HTML page, 429 when requests
 * come too fast and 456 when the monthly character quota is used up.
 */
export function deeplError(status: number, body: string): ToolError {
  const provider = 'DeepL';
  switch (status) {
    case 403:
      return upstreamError({
        provider,
        status,
        body,
        hint: /wrong endpoint/i.test(body)
          ? 'The key does not belong to this host: keys ending in ":fx" use api-free.deepl.com, others api.deepl.com. Check --deepl-url.'
          : 'Check the key given with --deepl-api-key or DEEPL_API_KEY.',
      });
    case 404:
      return upstreamError({
        provider,
        status,
        body,
        hint: 'Check the glossary id; a glossary also needs the source language it was made for.',
      });
    case 413:
      return upstreamError({
        provider,
        status,
        body,
        hint: 'Send fewer or shorter texts in one call.',
      });
    case 429:
      return upstreamError({
        provider,
        status,
        body,
        hint: 'Wait a few seconds and retry, or list a fallback provider in --provider.',
      });
    case 456:
      return upstreamError({
        provider,
        status,
        body,
        code: 'QUOTA_EXCEEDED',
        hint: 'The DeepL character quota for this billing period is used up; list a fallback provider in --provider or raise the plan limit.',
      });
    default:
      return upstreamError({
        provider,
        status,
        body,
        hint:
          status >= 500
            ? 'DeepL is unavailable; retry later or list a fallback provider in --provider.'
            : 'Check the language codes and options; list_languages shows what DeepL accepts.',
      });
  }
}
