import { ToolError } from '../../shared/errors.ts';
import type { OpenMeteoApi } from './open-meteo/api.ts';
import { placeNotFound, searchPlaces, type Place } from './places.ts';

export interface LocationInput {
  place?: string | undefined;
  latitude?: number | undefined;
  longitude?: number | undefined;
  countryCode?: string | undefined;
  language?: string | undefined;
}

export interface ResolvedLocation {
  place: Place;
  source: 'search' | 'coordinates';
  /** Other places that matched the name, best first, so a wrong pick is visible. */
  alternatives: Place[];
}

const ALTERNATIVES_SHOWN = 4;

/**
 * Turns a tool's location arguments into one place: coordinates are used
 * as given, and a name goes through the geocoder and its ranking.
 */
export async function resolveLocation(
  api: OpenMeteoApi,
  input: LocationInput,
  signal?: AbortSignal,
): Promise<ResolvedLocation> {
  const { latitude, longitude } = input;
  if ((latitude === undefined) !== (longitude === undefined)) {
    throw new ToolError(
      'INVALID_ARGUMENT',
      `Only ${latitude === undefined ? 'longitude' : 'latitude'} was given; coordinates need both.`,
      { hint: 'Pass both latitude and longitude, or a place name instead.' },
    );
  }

  if (latitude !== undefined && longitude !== undefined) {
    return {
      source: 'coordinates',
      alternatives: [],
      place: {
        id: null,
        name: input.place ?? `${latitude}, ${longitude}`,
        region: null,
        country: null,
        countryCode: input.countryCode?.toUpperCase() ?? null,
        latitude,
        longitude,
        timezone: null,
        population: null,
        elevation: null,
        featureCode: null,
      },
    };
  }

  if (!input.place) {
    throw new ToolError('INVALID_ARGUMENT', 'No location was given.', {
      hint: 'Pass place (a name such as "Paris, France") or latitude and longitude.',
    });
  }

  const search = await searchPlaces(
    api,
    {
      text: input.place,
      limit: ALTERNATIVES_SHOWN + 1,
      ...(input.countryCode ? { countryCode: input.countryCode } : {}),
      ...(input.language ? { language: input.language } : {}),
    },
    signal,
  );
  const [best, ...alternatives] = search.places;
  if (!best) throw placeNotFound(search, input.place);
  return { place: best, source: 'search', alternatives };
}
