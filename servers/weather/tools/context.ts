import type { ResolvedLocation } from '../location.ts';
import { formatLocalTime, isKnownTimeZone } from '../local-time.ts';
import type { WeatherResponse } from '../open-meteo/responses.ts';
import { describePlace, type Place } from '../places.ts';

/** Builds the `contextOutput` fields for one response. */
export function responseContext(response: WeatherResponse, resolved: ResolvedLocation) {
  const timezone = response.timezone ?? 'GMT';
  const place: Place = {
    ...resolved.place,
    timezone: resolved.place.timezone ?? timezone,
    elevation: resolved.place.elevation ?? response.elevation ?? null,
  };
  const now = Math.floor(Date.now() / 1000);
  return {
    location: { ...resolved, place },
    timezone,
    timezoneAbbreviation: response.timezone_abbreviation ?? null,
    utcOffsetSeconds: response.utc_offset_seconds ?? null,
    gridLatitude: response.latitude,
    gridLongitude: response.longitude,
    localTime: isKnownTimeZone(timezone)
      ? formatLocalTime(now, timezone)
      : new Date().toISOString().slice(0, 16) + 'Z',
  };
}

function formatCoordinate(value: number, positive: string, negative: string): string {
  return `${Math.abs(value).toFixed(2)}°${value >= 0 ? positive : negative}`;
}

/** Writes the first lines of a readable result: the place, its coordinates, time zone and other matches. */
export function contextText(context: ReturnType<typeof responseContext>, title: string): string {
  const { place, alternatives } = context.location;
  const lines = [
    `${title} for ${describePlace(place)} (${formatCoordinate(place.latitude, 'N', 'S')} ` +
      `${formatCoordinate(place.longitude, 'E', 'W')}), time zone ${context.timezone}, ` +
      `local time ${context.localTime}.`,
  ];
  if (alternatives.length > 0) {
    lines.push(`Other matches: ${alternatives.map(describePlace).join('; ')}.`);
  }
  return lines.join('\n');
}

/** Formats a value with its unit, or "n/a" when the value is missing. */
export function withUnit(value: unknown, unit: string | undefined): string {
  if (value === null || value === undefined) return 'n/a';
  const spacer = unit && !unit.startsWith('°') && unit !== '%' ? ' ' : '';
  return `${String(value)}${unit ? `${spacer}${unit}` : ''}`;
}
