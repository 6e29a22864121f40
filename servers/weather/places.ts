import { ToolError } from '../../shared/errors.ts';
import { countryCodeFor, foldText } from './countries.ts';
import { inferLanguage } from './language.ts';
import type { OpenMeteoApi } from './open-meteo/api.ts';
import type { GeocodingResult } from './open-meteo/responses.ts';

/** A place as the tools report it; fields the geocoder did not provide are null. */
export interface Place {
  id: number | null;
  name: string;
  region: string | null;
  country: string | null;
  countryCode: string | null;
  latitude: number;
  longitude: number;
  timezone: string | null;
  population: number | null;
  elevation: number | null;
  featureCode: string | null;
}

export interface PlaceQuery {
  text: string;
  countryCode?: string;
  language?: string;
  /** Maximum number of places returned. */
  limit: number;
}

export interface PlaceSearchResult {
  places: Place[];
  /** The name sent to the geocoder, without the qualifiers after commas. */
  name: string;
  language: string;
  countryCode: string | null;
  /** Qualifiers that named no country, matched against region and country names. */
  regionQualifiers: string[];
}

/** How many candidates to fetch before ranking; the API allows 1 to 100. */
const SEARCH_COUNT = 30;

/**
 * Weight of GeoNames feature codes in the ranking: a capital (PPLC) or a
 * regional seat (PPLA…) beats a village (PPL) or a section of a city (PPLX),
 * and an airport (AIRP) comes last.
 */
const FEATURE_WEIGHT: Readonly<Record<string, number>> = {
  PPLC: 4,
  PPLA: 3,
  PPLA2: 2,
  PPLA3: 1.5,
  PPLA4: 1,
  PPLG: 1,
  PPL: 0.5,
  ADM1: 0.5,
  PPLX: 0,
  AIRP: -2,
};

export function toPlace(result: GeocodingResult): Place {
  return {
    id: result.id,
    name: result.name,
    region: result.admin1 ?? null,
    country: result.country ?? null,
    countryCode: result.country_code ?? null,
    latitude: result.latitude,
    longitude: result.longitude,
    timezone: result.timezone ?? null,
    population: result.population ?? null,
    elevation: result.elevation ?? null,
    featureCode: result.feature_code ?? null,
  };
}

/**
 * Scores a candidate: the log of its population plus the weight of its
 * feature code, plus one for an exact name match (a trailing 市, "city" in
 * Chinese and Japanese, counts as exact). A capital of millions therefore
 * outranks a village of the same name even when the geocoder lists the
 * village first.
 */
function score(place: Place, name: string): number {
  const population = Math.log10((place.population ?? 0) + 1);
  const feature = FEATURE_WEIGHT[place.featureCode ?? ''] ?? 0;
  const folded = foldText(place.name);
  const exact = folded === name || folded === `${name}市` ? 1 : 0;
  return population + feature + exact;
}

function matchesRegion(place: Place, qualifier: string): boolean {
  const fields = [place.region, place.country, place.countryCode];
  return fields.some((field) => field !== null && foldText(field).includes(qualifier));
}

/** Splits "Portland, Oregon, USA" into the name and the qualifiers after it. */
function splitQualifiers(text: string): { name: string; qualifiers: string[] } {
  const parts = text
    .split(/[,，、]/)
    .map((part) => part.trim())
    .filter(Boolean);
  return { name: parts[0] ?? text.trim(), qualifiers: parts.slice(1) };
}

/**
 * Languages to ask the geocoder in, in order. Its search matches names in
 * the requested language, so a native-script name needs that language:
 * "上海" finds nothing with `language=en`. Han text may also be Japanese.
 */
function languagesToTry(name: string, explicit: string | undefined): string[] {
  if (explicit) return [explicit.toLowerCase()];
  const inferred = inferLanguage(name);
  if (!inferred) return ['en'];
  return inferred === 'zh' ? ['zh', 'ja', 'en'] : [inferred, 'en'];
}

/** Looks a place name up, applies qualifiers such as "Paris, France" and ranks the candidates. */
export async function searchPlaces(
  api: OpenMeteoApi,
  query: PlaceQuery,
  signal?: AbortSignal,
): Promise<PlaceSearchResult> {
  const { name, qualifiers } = splitQualifiers(query.text);
  let countryCode = query.countryCode?.toUpperCase();
  const regionQualifiers: string[] = [];
  for (const qualifier of qualifiers) {
    const code = countryCodeFor(qualifier);
    if (code && !countryCode) countryCode = code;
    else if (!code) regionQualifiers.push(foldText(qualifier));
  }

  const folded = foldText(name);
  let places: Place[] = [];
  let language = 'en';
  for (const candidate of languagesToTry(name, query.language)) {
    language = candidate;
    const results = await api.searchPlaces(
      { name, count: SEARCH_COUNT, language, ...(countryCode ? { countryCode } : {}) },
      signal,
    );
    places = results
      .map(toPlace)
      .filter((place) => regionQualifiers.every((qualifier) => matchesRegion(place, qualifier)));
    if (places.length > 0) break;
  }

  const ranked = places
    .map((place, order) => ({ place, order, score: score(place, folded) }))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map((entry) => entry.place)
    .slice(0, query.limit);

  return { places: ranked, name, language, countryCode: countryCode ?? null, regionQualifiers };
}

/** Describes a place in one line: "Paris, Île-de-France, France". */
export function describePlace(place: Place): string {
  const parts = [place.name, place.region, place.country ?? place.countryCode];
  return parts.filter((part, position) => part && parts.indexOf(part) === position).join(', ');
}

/** Builds the error for a search without results, with the next steps a model can take. */
export function placeNotFound(search: PlaceSearchResult, text: string): ToolError {
  const where = search.countryCode ? ` in country ${search.countryCode}` : '';
  const steps = [
    'check the spelling',
    'try the name in English or in the local script',
    search.countryCode || search.regionQualifiers.length
      ? 'drop the country or region after the comma'
      : 'add the country after a comma ("Paris, France")',
    'or pass latitude and longitude instead',
  ];
  return new ToolError('NOT_FOUND', `No place named "${text}" was found${where}.`, {
    hint: `${steps.join('; ')}.`,
    details: { name: search.name, language: search.language, countryCode: search.countryCode },
  });
}
