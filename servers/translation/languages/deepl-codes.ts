import type { ProviderLanguage } from './match.ts';
import { parseLanguageTag } from './tags.ts';

// DeepL's documented codes as of 2025: source codes never carry a region, and
// English, Portuguese and Chinese targets must name a variant.
// NOTE: these are fixed lists. DeepL adds languages from time to time, so
// list_languages queries the live API instead.
const SOURCE_CODES =
  'AR BG CS DA DE EL EN ES ET FI FR HE HU ID IT JA KO LT LV NB NL PL PT RO RU SK SL SV TH TR UK VI ZH'.split(
    ' ',
  );

// The first variant of a language is the one chosen when neither script nor
// region decides: en-AU becomes EN-GB, pt-AO becomes PT-PT.
const TARGET_CODES =
  'AR BG CS DA DE EL EN-GB EN-US ES ES-419 ET FI FR HE HU ID IT JA KO LT LV NB NL PL PT-PT PT-BR RO RU SK SL SV TH TR UK VI ZH-HANS ZH-HANT'.split(
    ' ',
  );

/** DeepL codes with formality support, from its target language list. */
export const DEEPL_FORMALITY_TARGETS = new Set(
  'DE ES ES-419 FR IT JA NL PL PT-BR PT-PT RU'.split(' '),
);

/** Converts a DeepL code to its BCP 47 tag: `ZH-HANS` is `zh-Hans`, `EN-GB` is `en-GB`. */
export function deeplCodeToTag(code: string): string {
  const [language = '', variant] = code.split('-');
  if (variant === undefined) return language.toLowerCase();
  if (variant.length === 4) {
    return `${language.toLowerCase()}-${variant[0]?.toUpperCase()}${variant.slice(1).toLowerCase()}`;
  }
  return `${language.toLowerCase()}-${variant.toUpperCase()}`;
}

export function deeplLanguage(code: string, name?: string): ProviderLanguage {
  const language: ProviderLanguage = { code, tag: parseLanguageTag(deeplCodeToTag(code)) };
  if (name !== undefined) language.name = name;
  return language;
}

export const DEEPL_SOURCE_LANGUAGES = SOURCE_CODES.map((code) => deeplLanguage(code));
export const DEEPL_TARGET_LANGUAGES = TARGET_CODES.map((code) => deeplLanguage(code));
