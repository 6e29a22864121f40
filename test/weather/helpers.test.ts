import { describe, expect, it } from 'vitest';
import { countryCodeFor } from '../../servers/weather/countries.ts';
import { inferLanguage } from '../../servers/weather/language.ts';
import { formatLocalTime } from '../../servers/weather/local-time.ts';
import { checkArchiveRange } from '../../servers/weather/tools/dates.ts';
import { describeWeatherCode } from '../../servers/weather/wmo.ts';

describe('inferLanguage', () => {
  it.each([
    ['北京', 'zh'],
    ['とうきょう', 'ja'],
    ['東京タワー', 'ja'],
    ['서울', 'ko'],
    ['Москва', 'ru'],
    ['القاهرة', 'ar'],
    ['תל אביב', 'he'],
    ['Αθήνα', 'el'],
    ['กรุงเทพมหานคร', 'th'],
    ['दिल्ली', 'hi'],
  ])('maps %s to %s', (name, language) => {
    expect(inferLanguage(name)).toBe(language);
  });

  it.each(['Zürich', 'São Paulo', 'Paris', '123'])('leaves %s to the default', (name) => {
    expect(inferLanguage(name)).toBeUndefined();
  });
});

describe('countryCodeFor', () => {
  it.each([
    ['France', 'FR'],
    ['法国', 'FR'],
    ['Deutschland', 'DE'],
    ['USA', 'US'],
    ['the Netherlands', 'NL'],
    ['fr', 'FR'],
    ['Россия', 'RU'],
  ])('maps %s to %s', (name, code) => {
    expect(countryCodeFor(name)).toBe(code);
  });

  it.each(['Texas', 'Île-de-France', 'xx'])('finds no country in %s', (name) => {
    expect(countryCodeFor(name)).toBeUndefined();
  });
});

describe('formatLocalTime', () => {
  it('uses the offset in force', () => {
    const beforeChange = Date.UTC(2024, 2, 31, 0, 0) / 1000;
    const afterChange = Date.UTC(2024, 2, 31, 1, 0) / 1000;

    expect(formatLocalTime(beforeChange, 'Europe/Berlin')).toBe('2024-03-31T01:00+01:00');
    expect(formatLocalTime(afterChange, 'Europe/Berlin')).toBe('2024-03-31T03:00+02:00');
  });

  it('writes a zero offset in full', () => {
    expect(formatLocalTime(0, 'UTC')).toBe('1970-01-01T00:00+00:00');
  });

  it('handles half-hour zones', () => {
    expect(formatLocalTime(0, 'Asia/Kolkata')).toBe('1970-01-01T05:30+05:30');
  });
});

describe('checkArchiveRange', () => {
  const now = Date.UTC(2026, 0, 10);

  it('accepts a range up to yesterday', () => {
    expect(checkArchiveRange('2026-01-01', '2026-01-09', false, now).days).toBe(9);
  });

  it('rejects today', () => {
    expect(() => checkArchiveRange('2026-01-01', '2026-01-10', false, now)).toThrow(/2026-01-09/);
  });

  it('rejects a reversed range', () => {
    expect(() => checkArchiveRange('2025-02-02', '2025-02-01', false, now)).toThrow(/after/);
  });

  it('rejects more than 366 days', () => {
    expect(() => checkArchiveRange('2024-01-01', '2025-01-01', false, now)).toThrow(/at most 366/);
  });
});

describe('describeWeatherCode', () => {
  it('describes known codes', () => {
    expect(describeWeatherCode(95)).toBe('Thunderstorm');
  });

  it('keeps null as null', () => {
    expect(describeWeatherCode(null)).toBeNull();
  });

  it('names an unlisted code', () => {
    expect(describeWeatherCode(42)).toBe('Unknown weather code 42');
  });
});
