/**
 * Scripts that point to one language clearly enough to ask the geocoder for
 * names in it. Kana is checked before Han because Japanese text mixes both.
 */
const SCRIPT_LANGUAGES: readonly [RegExp, string][] = [
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'ja'],
  [/\p{Script=Hangul}/u, 'ko'],
  [/\p{Script=Han}/u, 'zh'],
  [/\p{Script=Cyrillic}/u, 'ru'],
  [/\p{Script=Arabic}/u, 'ar'],
  [/\p{Script=Hebrew}/u, 'he'],
  [/\p{Script=Greek}/u, 'el'],
  [/\p{Script=Thai}/u, 'th'],
  [/\p{Script=Devanagari}/u, 'hi'],
  [/\p{Script=Bengali}/u, 'bn'],
  [/\p{Script=Tamil}/u, 'ta'],
  [/\p{Script=Georgian}/u, 'ka'],
  [/\p{Script=Armenian}/u, 'hy'],
];

/**
 * Infers a language code from the script of a place name, so that 北京 is
 * looked up in Chinese and Москва in Russian. Returns undefined for Latin
 * script and anything unrecognised, where the caller's default applies.
 */
export function inferLanguage(text: string): string | undefined {
  for (const [pattern, language] of SCRIPT_LANGUAGES) {
    if (pattern.test(text)) return language;
  }
  return undefined;
}
