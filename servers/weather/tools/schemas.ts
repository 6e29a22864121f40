import { z } from 'zod';
import { ToolError } from '../../../shared/errors.ts';
import { isKnownTimeZone } from '../local-time.ts';

const LATITUDE_RANGE = 'latitude must be between -90 and 90 degrees';
const LONGITUDE_RANGE = 'longitude must be between -180 and 180 degrees';

/** Location arguments shared by every weather tool. */
export const locationInput = {
  place: z
    .string()
    .trim()
    .min(1, 'place must not be empty')
    .max(200, 'place must be at most 200 characters')
    .optional()
    .describe(
      'Place name in any script: "北京", "Zürich", "São Paulo". Qualify it after commas: "Paris, France", "Portland, Oregon".',
    ),
  latitude: z
    .number()
    .min(-90, LATITUDE_RANGE)
    .max(90, LATITUDE_RANGE)
    .optional()
    .describe('Latitude in decimal degrees; use with longitude instead of place'),
  longitude: z
    .number()
    .min(-180, LONGITUDE_RANGE)
    .max(180, LONGITUDE_RANGE)
    .optional()
    .describe('Longitude in decimal degrees; use with latitude instead of place'),
  countryCode: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'countryCode must be a two-letter ISO 3166-1 code such as FR')
    .optional()
    .describe('Limit the place search to one country (ISO 3166-1 alpha-2, e.g. "CN")'),
  language: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'language must be a two-letter ISO 639-1 code such as zh')
    .optional()
    .describe('Language of the place name; inferred from its script when left out'),
};

/** Unit arguments of the weather tools, with Open-Meteo's own values. */
export const unitsInput = {
  temperatureUnit: z.enum(['celsius', 'fahrenheit']).default('celsius'),
  windSpeedUnit: z
    .enum(['kmh', 'ms', 'mph', 'kn'])
    .default('kmh')
    .describe('km/h, m/s, mph or knots'),
  precipitationUnit: z.enum(['mm', 'inch']).default('mm'),
};

export const timezoneInput = {
  timezone: z
    .string()
    .max(64, 'timezone must be at most 64 characters')
    .optional()
    .describe(
      'IANA time zone for times and daily values, e.g. "America/New_York"; default: the place\'s own',
    ),
};

export interface UnitsArguments {
  temperatureUnit: string;
  windSpeedUnit: string;
  precipitationUnit: string;
}

export function unitsQuery(units: UnitsArguments) {
  return {
    temperature_unit: units.temperatureUnit,
    wind_speed_unit: units.windSpeedUnit,
    precipitation_unit: units.precipitationUnit,
  };
}

/** Checks a requested time zone; without one, Open-Meteo picks the place's own (`auto`). */
export function timezoneQuery(timezone: string | undefined): string {
  if (timezone === undefined || timezone.toLowerCase() === 'auto') return 'auto';
  if (!isKnownTimeZone(timezone)) {
    throw new ToolError('INVALID_ARGUMENT', `Unknown time zone "${timezone}".`, {
      hint: 'Use an IANA name such as "Europe/Berlin" or "Asia/Shanghai", or leave timezone out.',
    });
  }
  return timezone;
}

export const placeOutput = z.object({
  id: z.number().nullable().describe('Open-Meteo geocoding id'),
  name: z.string(),
  region: z.string().nullable().describe('first-level administrative area (state, province)'),
  country: z.string().nullable(),
  countryCode: z.string().nullable(),
  latitude: z.number(),
  longitude: z.number(),
  timezone: z.string().nullable(),
  population: z.number().nullable(),
  elevation: z.number().nullable().describe('metres above sea level'),
  featureCode: z.string().nullable().describe('GeoNames feature code, e.g. PPLC for a capital'),
});

export const locationOutput = z.object({
  place: placeOutput,
  source: z.enum(['search', 'coordinates']),
  alternatives: z.array(placeOutput).describe('other places that matched the name, best first'),
});

/** Fields every weather result carries about where and when its data applies. */
export const contextOutput = {
  location: locationOutput,
  timezone: z.string().describe('time zone of every time and date in this result'),
  timezoneAbbreviation: z.string().nullable(),
  utcOffsetSeconds: z.number().nullable().describe('offset now; each time carries its own'),
  gridLatitude: z.number().describe('latitude of the model grid cell used'),
  gridLongitude: z.number(),
  localTime: z.string().describe('current local time at the place'),
};

export const READ_ONLY_OPEN_WORLD = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
} as const;
