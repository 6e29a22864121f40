/** How long a translation or language list stays in the cache, in milliseconds. */
export const TRANSLATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const LANGUAGES_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Builds the cache key of a translation request: provider, source, target,
 * format and options, then the texts. The HTTP client hashes it before
 * storing, so the text never reaches Redis in clear.
 */
export function translationCacheKey(
  provider: string,
  parts: readonly unknown[],
  texts: readonly string[],
): string {
  return JSON.stringify([provider, ...parts, texts]);
}
