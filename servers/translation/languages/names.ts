const englishNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** English name of a tag from the CLDR data built into Node: `zh-Hant` is "Traditional Chinese". */
export function englishName(tag: string): string | undefined {
  try {
    return englishNames.of(tag);
  } catch {
    return undefined;
  }
}

/** Name of a language in that language: `zh-Hans` is "简体中文". */
export function nativeName(tag: string): string | undefined {
  try {
    return new Intl.DisplayNames([tag], { type: 'language', fallback: 'none' }).of(tag);
  } catch {
    return undefined;
  }
}
