import type { LanguageChoice } from './match.ts';
import type { LanguageTag } from './tags.ts';

/**
 * MyMemory takes ISO 639-1 codes or RFC 3066 tags with a region (`zh-CN`,
 * `pt-BR`), and distinguishes Chinese scripts by region only, so a script is
 * turned into the region that writes it.
 */
export function mymemoryLanguage(tag: LanguageTag): LanguageChoice {
  if (tag.language === 'zh') {
    const code = tag.likelyScript === 'Hant' ? 'zh-TW' : 'zh-CN';
    return { code, tag: code };
  }
  const code = tag.region ? `${tag.language}-${tag.region}` : tag.language;
  return { code, tag: code };
}

// NOTE: MyMemory has no endpoint that lists its languages; this is a fixed
// selection of widely used ones, and MyMemory accepts many more.
export const MYMEMORY_LANGUAGE_TAGS = (
  'af ar az be bg bn bs ca cs cy da de el en en-GB en-US es et eu fa fi fr ga gl gu he hi hr ' +
  'hu hy id is it ja ka kk km kn ko lo lt lv mk ml mn mr ms mt my ne nl nb pa pl pt pt-BR ' +
  'ro ru si sk sl sq sr sv sw ta te th tl tr uk ur uz vi zh-CN zh-TW'
).split(' ');
