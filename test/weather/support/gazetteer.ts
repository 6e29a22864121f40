/**
 * Places the geocoding stand-in returns, in the shape of Open-Meteo's search
 * results. Names are keyed by language because the real search matches names
 * in the requested language only: "上海" finds nothing with language=en.
 */
export interface GazetteerEntry {
  names: Record<string, string>;
  record: {
    id: number;
    latitude: number;
    longitude: number;
    elevation?: number;
    feature_code: string;
    country_code: string;
    country: string;
    admin1?: string;
    timezone: string;
    population?: number;
  };
}

export const GAZETTEER: GazetteerEntry[] = [
  // The real search lists two villages named 北京 before the capital.
  {
    names: { zh: '北京', en: 'Beijing' },
    record: {
      id: 8404324,
      latitude: 30.72608,
      longitude: 108.67483,
      feature_code: 'PPL',
      country_code: 'CN',
      country: '中国',
      admin1: '重庆市',
      timezone: 'Asia/Shanghai',
    },
  },
  {
    names: { zh: '北京', en: 'Beijing' },
    record: {
      id: 10196578,
      latitude: 30.3,
      longitude: 104.1,
      feature_code: 'PPL',
      country_code: 'CN',
      country: '中国',
      admin1: '四川省',
      timezone: 'Asia/Shanghai',
    },
  },
  {
    names: { zh: '北京市', en: 'Beijing' },
    record: {
      id: 1816670,
      latitude: 39.9075,
      longitude: 116.39723,
      elevation: 49,
      feature_code: 'PPLC',
      country_code: 'CN',
      country: '中国',
      admin1: '北京市',
      timezone: 'Asia/Shanghai',
      population: 18960744,
    },
  },
  {
    names: { zh: '上海', en: 'Shanghai' },
    record: {
      id: 1796236,
      latitude: 31.22222,
      longitude: 121.45806,
      feature_code: 'PPLA',
      country_code: 'CN',
      country: '中国',
      admin1: '上海市',
      timezone: 'Asia/Shanghai',
      population: 24874500,
    },
  },
  {
    names: { ja: '東京', zh: '东京', en: 'Tokyo' },
    record: {
      id: 1850147,
      latitude: 35.6895,
      longitude: 139.69171,
      feature_code: 'PPLC',
      country_code: 'JP',
      country: '日本',
      admin1: '東京都',
      timezone: 'Asia/Tokyo',
      population: 9733276,
    },
  },
  {
    names: { en: 'Paris', fr: 'Paris' },
    record: {
      id: 4717560,
      latitude: 33.66094,
      longitude: -95.55551,
      feature_code: 'PPLA2',
      country_code: 'US',
      country: 'United States',
      admin1: 'Texas',
      timezone: 'America/Chicago',
      population: 24782,
    },
  },
  {
    names: { en: 'Paris', fr: 'Paris' },
    record: {
      id: 2988507,
      latitude: 48.85341,
      longitude: 2.3488,
      feature_code: 'PPLC',
      country_code: 'FR',
      country: 'France',
      admin1: 'Île-de-France',
      timezone: 'Europe/Paris',
      population: 2138551,
    },
  },
  {
    names: { en: 'Zürich', de: 'Zürich' },
    record: {
      id: 2657896,
      latitude: 47.36667,
      longitude: 8.55,
      feature_code: 'PPLA',
      country_code: 'CH',
      country: 'Switzerland',
      admin1: 'Zurich',
      timezone: 'Europe/Zurich',
      population: 341730,
    },
  },
  {
    names: { en: 'São Paulo', pt: 'São Paulo' },
    record: {
      id: 3448439,
      latitude: -23.5475,
      longitude: -46.63611,
      feature_code: 'PPLA',
      country_code: 'BR',
      country: 'Brazil',
      admin1: 'São Paulo',
      timezone: 'America/Sao_Paulo',
      population: 10021295,
    },
  },
  {
    names: { en: 'Berlin', de: 'Berlin' },
    record: {
      id: 2950159,
      latitude: 52.52437,
      longitude: 13.41053,
      feature_code: 'PPLC',
      country_code: 'DE',
      country: 'Germany',
      admin1: 'Land Berlin',
      timezone: 'Europe/Berlin',
      population: 3426354,
    },
  },
  {
    names: { ru: 'Москва', en: 'Moscow' },
    record: {
      id: 524901,
      latitude: 55.75222,
      longitude: 37.61556,
      feature_code: 'PPLC',
      country_code: 'RU',
      country: 'Россия',
      admin1: 'Москва',
      timezone: 'Europe/Moscow',
      population: 10381222,
    },
  },
];

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{Mark}/gu, '')
    .toLowerCase();
}

/** Searches like the real endpoint: a prefix match on the name in the requested language. */
export function searchGazetteer(name: string, language: string, countryCode: string | null) {
  const wanted = fold(name);
  return GAZETTEER.filter((entry) => {
    const localName = entry.names[language];
    if (!localName || !fold(localName).startsWith(wanted)) return false;
    return countryCode === null || entry.record.country_code === countryCode.toUpperCase();
  }).map((entry) => ({ ...entry.record, name: entry.names[language] ?? '' }));
}
