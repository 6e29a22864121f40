/**
 * Country names in the languages users most often type, read from the
 * runtime's ICU data (Intl.DisplayNames), so "France", "法国" and
 * "Frankreich" all map to FR without a hand-kept table.
 */
const NAME_LANGUAGES = ['en', 'fr', 'de', 'es', 'it', 'pt', 'nl', 'zh', 'ja', 'ko', 'ru', 'ar'];

/** Codes ICU still names that are withdrawn or not countries (East Germany, Yugoslavia, EU, UN, pseudo-regions). */
const SKIPPED_CODES = new Set([
  'AN',
  'BU',
  'CS',
  'DD',
  'EU',
  'EZ',
  'FX',
  'NT',
  'QO',
  'SU',
  'TP',
  'UN',
  'XA',
  'XB',
  'YU',
  'ZR',
  'ZZ',
]);

/** Common names that ICU does not list as a region's display name. */
const ALIASES: Readonly<Record<string, string>> = {
  usa: 'US',
  'united states of america': 'US',
  america: 'US',
  uk: 'GB',
  britain: 'GB',
  'great britain': 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  holland: 'NL',
  'the netherlands': 'NL',
  'south korea': 'KR',
  'north korea': 'KP',
  russia: 'RU',
  turkey: 'TR',
  korea: 'KR',
  czechia: 'CZ',
  'czech republic': 'CZ',
  中國: 'CN',
  中华人民共和国: 'CN',
  臺灣: 'TW',
};

let index: Map<string, string> | undefined;

/** Lower-cases and strips accents, so "São Tomé" and "sao tome" compare equal. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{Mark}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

function buildIndex(): Map<string, string> {
  const names = new Map<string, string>();
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const displays = NAME_LANGUAGES.map(
    (language) => new Intl.DisplayNames([language], { type: 'region', fallback: 'none' }),
  );

  for (const first of letters) {
    for (const second of letters) {
      const code = `${first}${second}`;
      if (SKIPPED_CODES.has(code)) continue;
      for (const display of displays) {
        const name = display.of(code);
        if (name && name !== code && !names.has(foldText(name))) names.set(foldText(name), code);
      }
    }
  }
  for (const [alias, code] of Object.entries(ALIASES)) names.set(foldText(alias), code);
  return names;
}

/** Finds the ISO 3166-1 alpha-2 code for a country name or code, or undefined. */
export function countryCodeFor(text: string): string | undefined {
  index ??= buildIndex();
  const folded = foldText(text);
  if (/^[a-z]{2}$/.test(folded)) {
    const code = folded.toUpperCase();
    return [...index.values()].includes(code) ? code : undefined;
  }
  return index.get(folded) ?? index.get(folded.replace(/^the /, ''));
}
