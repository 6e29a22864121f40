import { ToolError } from '../../../shared/errors.ts';

/** A BCP 47 language tag, canonicalised, with its subtags and their likely values. */
export interface LanguageTag {
  /** Canonical form of what the caller wrote: `zh-TW`, `pt-BR`, `en`. */
  tag: string;
  language: string;
  script: string | undefined;
  region: string | undefined;
  /** Script implied by CLDR likely subtags when none was written: `Hant` for `zh-TW`. */
  likelyScript: string | undefined;
  /** Region implied by CLDR likely subtags when none was written: `BR` for `pt`. */
  likelyRegion: string | undefined;
}

/** Codes that name the same language under two spellings a provider may use. */
const LANGUAGE_ALIASES: Record<string, string> = { no: 'nb' };

/**
 * Parses a BCP 47 tag such as `zh-Hant`, `pt_BR` or `EN-us`. Underscores are
 * accepted because many tools write locales that way. Deprecated codes are
 * replaced by their current ones (`iw` becomes `he`), but the region and script
 * are kept as written: `zh-CN` stays `zh-CN`.
 */
export function parseLanguageTag(input: string): LanguageTag {
  const text = input.trim().replaceAll('_', '-');
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(text);
  } catch {
    throw new ToolError('INVALID_ARGUMENT', `"${input}" is not a valid BCP 47 language tag.`, {
      hint: 'Use a tag such as en, en-GB, zh-Hans, zh-TW, pt-BR or ja; list_languages shows the supported ones.',
    });
  }

  // Node 20 reports the language of `und` as undefined, newer versions as "und".
  const written = locale.language as string | undefined;
  if (written === undefined || written === 'und') {
    throw new ToolError('INVALID_ARGUMENT', `"${input}" does not name a language.`, {
      hint: 'Leave the source language out to have it detected, or give a tag such as en or zh.',
    });
  }

  const likely = locale.maximize();
  const language = LANGUAGE_ALIASES[locale.language] ?? locale.language;
  const tag = [language, locale.script, locale.region].filter(Boolean).join('-');
  return {
    tag,
    language,
    script: locale.script,
    region: locale.region,
    likelyScript: locale.script ?? likely.script,
    likelyRegion: locale.region ?? likely.region,
  };
}

/** Like parseLanguageTag, but returns undefined for a code that is not a valid tag. */
export function tryParseLanguageTag(input: string): LanguageTag | undefined {
  try {
    return parseLanguageTag(input);
  } catch {
    return undefined;
  }
}
