import { z } from 'zod';
import type { ToolError } from '../../../../shared/errors.ts';
import type { ProviderTranslation } from '../types.ts';
import { parseShape } from '../shape.ts';
import { upstreamError } from '../upstream.ts';

const PROVIDER = 'LibreTranslate';

const detectedSchema = z.object({ language: z.string(), confidence: z.number() });

const translateSchema = z.object({
  translatedText: z.union([z.string(), z.array(z.string())]),
  detectedLanguage: z.union([detectedSchema, z.array(detectedSchema)]).optional(),
  alternatives: z.array(z.unknown()).optional(),
});

const detectSchema = z.array(detectedSchema);

const languagesSchema = z.array(
  z.object({
    code: z.string(),
    name: z.string(),
    targets: z.array(z.string()).optional(),
  }),
);

export type LibreTranslateLanguageList = z.output<typeof languagesSchema>;

/** LibreTranslate reports confidence in percent. */
function toScore(confidence: number): number {
  return Math.min(1, Math.max(0, confidence / 100));
}

/**
 * Reads a /translate response. `translatedText` and `detectedLanguage` are
 * arrays when the request sent a list of texts, single values otherwise.
 */
export function parseLibreTranslateTranslations(body: string): ProviderTranslation[] {
  const parsed = parseShape(PROVIDER, 'translations', translateSchema, body);
  const texts = Array.isArray(parsed.translatedText)
    ? parsed.translatedText
    : [parsed.translatedText];
  const detected = parsed.detectedLanguage;
  const detections = Array.isArray(detected) ? detected : texts.map(() => detected);

  return texts.map((text, index) => {
    const translation: ProviderTranslation = { text };
    const detection = detections[index];
    if (detection) {
      translation.detectedLanguage = detection.language;
      translation.detectedConfidence = toScore(detection.confidence);
    }
    return translation;
  });
}

export function parseLibreTranslateDetections(body: string): { language: string; score: number }[] {
  const parsed = parseShape(PROVIDER, 'detections', detectSchema, body);
  return parsed.map((item) => ({ language: item.language, score: toScore(item.confidence) }));
}

export function parseLibreTranslateLanguages(body: string): LibreTranslateLanguageList {
  return parseShape(PROVIDER, 'a language list', languagesSchema, body);
}

/**
 * Turns a LibreTranslate error into a ToolError. Its messages may be
 * localised to the server's interface language, so the status decides the
 * code and the message is only quoted; English wording about API keys and
 * request limits refines it where present.
 */
export function libreTranslateError(status: number, body: string): ToolError {
  const base = { provider: PROVIDER, status, body };

  if (/api key/i.test(body)) {
    return upstreamError({
      ...base,
      code: 'PERMISSION_DENIED',
      hint: 'This server needs an API key: pass --libretranslate-api-key or set LIBRETRANSLATE_API_KEY.',
    });
  }
  if (status === 429 || (status === 403 && /limit/i.test(body))) {
    return upstreamError({
      ...base,
      code: 'RATE_LIMITED',
      hint: 'The server limits requests per minute; wait and retry, or list a fallback provider in --provider.',
    });
  }
  if (status === 400) {
    return upstreamError({
      ...base,
      hint: 'Check the language tags and the text; list_languages shows the pairs this server has.',
    });
  }
  return upstreamError({
    ...base,
    hint:
      status >= 500
        ? 'The LibreTranslate server failed; retry later or list a fallback provider in --provider.'
        : 'Check --libretranslate-url and --libretranslate-api-key.',
  });
}
