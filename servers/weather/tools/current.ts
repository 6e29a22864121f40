import { z } from 'zod';
import { defineTool, type ToolCall } from '../../../shared/tools.ts';
import { CACHE_TTL_MS } from '../open-meteo/api.ts';
import type { WeatherDeps } from '../deps.ts';
import { resolveLocation } from '../location.ts';
import { clockFor, currentRow, rowSchema, unitsOf, variablesOf } from '../series.ts';
import { contextText, responseContext, withUnit } from './context.ts';
import {
  READ_ONLY_OPEN_WORLD,
  contextOutput,
  locationInput,
  timezoneInput,
  timezoneQuery,
  unitsInput,
  unitsQuery,
} from './schemas.ts';

const CURRENT_FIELDS = {
  temperature: 'temperature_2m',
  apparentTemperature: 'apparent_temperature',
  relativeHumidity: 'relative_humidity_2m',
  precipitation: 'precipitation',
  weatherCode: 'weather_code',
  cloudCover: 'cloud_cover',
  pressure: 'pressure_msl',
  windSpeed: 'wind_speed_10m',
  windDirection: 'wind_direction_10m',
  windGusts: 'wind_gusts_10m',
  isDay: 'is_day',
} as const;

export const getCurrentWeather = defineTool({
  name: 'get_current_weather',
  title: 'Current weather',
  description:
    'Returns the current weather at a place (name in any script) or at coordinates: ' +
    'temperature, feels-like, humidity, precipitation, WMO weather code with its description, ' +
    'cloud cover, pressure and wind. Echoes the resolved place, coordinates and time zone.',
  input: z.object({ ...locationInput, ...unitsInput, ...timezoneInput }),
  output: z.object({
    ...contextOutput,
    units: z.record(z.string(), z.string()),
    current: rowSchema(CURRENT_FIELDS, 'current').nullable(),
  }),
  annotations: READ_ONLY_OPEN_WORLD,
  async handler(args, call: ToolCall<WeatherDeps>) {
    const timezone = timezoneQuery(args.timezone);
    const resolved = await resolveLocation(call.deps.api, args, call.signal);
    await call.progress(1, 2, 'place resolved');

    const response = await call.deps.api.forecast(
      {
        latitude: resolved.place.latitude,
        longitude: resolved.place.longitude,
        current: variablesOf(CURRENT_FIELDS),
        timezone,
        timeformat: 'unixtime',
        ...unitsQuery(args),
      },
      CACHE_TTL_MS.current,
      call.signal,
    );
    await call.progress(2, 2, 'weather received');

    const context = responseContext(response, resolved);
    const units = unitsOf(response.current_units, CURRENT_FIELDS);
    const current = currentRow(response, CURRENT_FIELDS, clockFor(response));

    const summary = current
      ? `Now (${current.time}): ${current.weather ?? 'conditions n/a'}, ` +
        `${withUnit(current.temperature, units.temperature)} ` +
        `(feels like ${withUnit(current.apparentTemperature, units.apparentTemperature)}), ` +
        `humidity ${withUnit(current.relativeHumidity, units.relativeHumidity)}, ` +
        `wind ${withUnit(current.windSpeed, units.windSpeed)} ` +
        `gusting ${withUnit(current.windGusts, units.windGusts)}, ` +
        `precipitation ${withUnit(current.precipitation, units.precipitation)}.`
      : 'Open-Meteo returned no current conditions for this place.';

    return {
      structured: { ...context, units, current },
      text: `${contextText(context, 'Current weather')}\n${summary}`,
    };
  },
});
