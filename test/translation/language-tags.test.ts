import { describe, expect, it } from 'vitest';
import {
  DEEPL_SOURCE_LANGUAGES,
  DEEPL_TARGET_LANGUAGES,
} from '../../servers/translation/languages/deepl-codes.ts';
import { libreTranslateLanguage } from '../../servers/translation/languages/libretranslate-codes.ts';
import {
  chooseLanguage,
  type ProviderLanguage,
} from '../../servers/translation/languages/match.ts';
import { mymemoryLanguage } from '../../servers/translation/languages/mymemory-codes.ts';
import { englishName, nativeName } from '../../servers/translation/languages/names.ts';
import { parseLanguageTag } from '../../servers/translation/languages/tags.ts';

function target(tag: string) {
  return chooseLanguage(parseLanguageTag(tag), DEEPL_TARGET_LANGUAGES, 'DeepL');
}

function source(tag: string) {
  return chooseLanguage(parseLanguageTag(tag), DEEPL_SOURCE_LANGUAGES, 'DeepL');
}

describe('parseLanguageTag', () => {
  it('keeps region and script as written', () => {
    expect(parseLanguageTag('zh-CN').tag).toBe('zh-CN');
    expect(parseLanguageTag('zh_hant').tag).toBe('zh-Hant');
    expect(parseLanguageTag('EN-us').tag).toBe('en-US');
    expect(parseLanguageTag('pt-BR').region).toBe('BR');
  });

  it('infers likely script and region', () => {
    expect(parseLanguageTag('zh-TW').likelyScript).toBe('Hant');
    expect(parseLanguageTag('zh').likelyScript).toBe('Hans');
    expect(parseLanguageTag('pt').likelyRegion).toBe('BR');
  });

  it('replaces deprecated codes', () => {
    expect(parseLanguageTag('iw').tag).toBe('he');
    expect(parseLanguageTag('no').tag).toBe('nb');
  });

  it('rejects invalid tags', () => {
    expect(() => parseLanguageTag('not a tag')).toThrow(/not a valid BCP 47/);
    expect(() => parseLanguageTag('und')).toThrow(/does not name a language/);
  });
});

describe('DeepL codes', () => {
  it('chooses a variant for English and Portuguese', () => {
    expect(target('en')?.code).toBe('EN-US');
    expect(target('en')?.note).toMatch(/EN-US/);
    expect(target('en-GB')?.code).toBe('EN-GB');
    expect(target('en-GB')?.note).toBeUndefined();
    expect(target('en-AU')?.code).toBe('EN-GB');
    expect(target('pt')?.code).toBe('PT-BR');
    expect(target('pt-PT')?.code).toBe('PT-PT');
  });

  it('maps Chinese by script', () => {
    for (const tag of ['zh', 'zh-CN', 'zh-Hans', 'zh-SG'])
      expect(target(tag)?.code).toBe('ZH-HANS');
    for (const tag of ['zh-TW', 'zh-Hant', 'zh-HK']) expect(target(tag)?.code).toBe('ZH-HANT');
    expect(target('zh-TW')?.note).toBeUndefined();
  });

  it('drops regions from source codes', () => {
    expect(source('en-US')?.code).toBe('EN');
    expect(source('pt-BR')?.code).toBe('PT');
    expect(source('zh-TW')?.code).toBe('ZH');
    expect(source('zh-Hant')?.code).toBe('ZH');
  });

  it('finds no code for an unsupported language', () => {
    expect(target('tlh')).toBeUndefined();
  });
});

describe('LibreTranslate codes', () => {
  const modern = ['en', 'zh-Hans', 'zh-Hant', 'pt', 'pt-BR'].map(
    (code) => libreTranslateLanguage(code) as ProviderLanguage,
  );
  const legacy = ['en', 'zh', 'zt', 'pt', 'pb'].map(
    (code) => libreTranslateLanguage(code) as ProviderLanguage,
  );

  it('maps tags to modern codes', () => {
    const choose = (tag: string) => chooseLanguage(parseLanguageTag(tag), modern, 'LibreTranslate');
    expect(choose('zh-CN')?.code).toBe('zh-Hans');
    expect(choose('zh-TW')?.code).toBe('zh-Hant');
    expect(choose('pt-BR')?.code).toBe('pt-BR');
    expect(choose('en-US')?.code).toBe('en');
  });

  it('maps tags to legacy codes', () => {
    const choose = (tag: string) => chooseLanguage(parseLanguageTag(tag), legacy, 'LibreTranslate');
    expect(choose('zh')?.code).toBe('zh');
    expect(choose('zh-Hant')?.code).toBe('zt');
    expect(choose('pt-BR')?.code).toBe('pb');
  });

  it('notes a missing script variant', () => {
    const onlySimplified = [libreTranslateLanguage('zh-Hans') as ProviderLanguage];
    const choice = chooseLanguage(parseLanguageTag('zh-TW'), onlySimplified, 'LibreTranslate');
    expect(choice?.code).toBe('zh-Hans');
    expect(choice?.note).toMatch(/no zh-TW/);
  });

  it('notes a dropped region', () => {
    const choice = chooseLanguage(parseLanguageTag('en-GB'), modern, 'LibreTranslate');
    expect(choice?.code).toBe('en');
    expect(choice?.note).toMatch(/no regional variants/);
  });
});

describe('MyMemory codes', () => {
  it('turns Chinese scripts into regions', () => {
    expect(mymemoryLanguage(parseLanguageTag('zh')).code).toBe('zh-CN');
    expect(mymemoryLanguage(parseLanguageTag('zh-Hant')).code).toBe('zh-TW');
    expect(mymemoryLanguage(parseLanguageTag('zh-HK')).code).toBe('zh-TW');
  });

  it('keeps other regions', () => {
    expect(mymemoryLanguage(parseLanguageTag('pt-BR')).code).toBe('pt-BR');
    expect(mymemoryLanguage(parseLanguageTag('fr')).code).toBe('fr');
  });
});

describe('language names', () => {
  it('gives English and native names', () => {
    expect(englishName('zh-Hans')).toBe('Simplified Chinese');
    expect(nativeName('zh-Hans')).toBe('简体中文');
    expect(nativeName('ja')).toBe('日本語');
  });
});
