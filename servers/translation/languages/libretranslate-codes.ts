import type { ProviderLanguage } from './match.ts';
import { tryParseLanguageTag } from './tags.ts';

// Older LibreTranslate servers report these codes; newer ones report the tags.
const LEGACY_CODES: Record<string, string> = { zh: 'zh-Hans', zt: 'zh-Hant', pb: 'pt-BR' };

/** Converts a LibreTranslate code to the BCP 47 tag it stands for, or undefined for a code that is not one. */
export function libreTranslateLanguage(code: string, name?: string): ProviderLanguage | undefined {
  const tag = tryParseLanguageTag(LEGACY_CODES[code] ?? code);
  if (!tag) return undefined;
  const language: ProviderLanguage = { code, tag };
  if (name !== undefined) language.name = name;
  return language;
}
