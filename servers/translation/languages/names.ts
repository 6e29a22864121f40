// Creating it loads CLDR name data (15 ms in one run on a 2-core machine), so it waits for the first name.
let englishNames: Intl.DisplayNames | undefined;

/** English name of a tag from the CLDR data built into Node: `zh-Hant` is "Traditional Chinese". */
export function englishName(tag: string): string | undefined {
  try {
    englishNames ??= new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
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
