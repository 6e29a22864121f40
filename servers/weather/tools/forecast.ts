import { z } from 'zod';
import { defineTool, type ToolCall } from '../../../shared/tools.ts';
import type { WeatherDeps } from '../deps.ts';
import { resolveLocation } from '../location.ts';
import { CACHE_TTL_MS } from '../open-meteo/api.ts';
import { dailyAndHourlyOutput, readDailyAndHourly, variablesOf, type Row } from '../series.ts';
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

const DAILY_FIELDS = {
  weatherCode: 'weather_code',
  temperatureMax: 'temperature_2m_max',
  temperatureMin: 'temperature_2m_min',
  apparentTemperatureMax: 'apparent_temperature_max',
  apparentTemperatureMin: 'apparent_temperature_min',
  precipitationSum: 'precipitation_sum',
  precipitationProbabilityMax: 'precipitation_probability_max',
  windSpeedMax: 'wind_speed_10m_max',
  windGustsMax: 'wind_gusts_10m_max',
  windDirectionDominant: 'wind_direction_10m_dominant',
  uvIndexMax: 'uv_index_max',
  sunrise: 'sunrise',
  sunset: 'sunset',
} as const;

const HOURLY_FIELDS = {
  temperature: 'temperature_2m',
  apparentTemperature: 'apparent_temperature',
  relativeHumidity: 'relative_humidity_2m',
  precipitationProbability: 'precipitation_probability',
  precipitation: 'precipitation',
  weatherCode: 'weather_code',
  cloudCover: 'cloud_cover',
  windSpeed: 'wind_speed_10m',
  windDirection: 'wind_direction_10m',
  windGusts: 'wind_gusts_10m',
  isDay: 'is_day',
} as const;

const FIELDS = { daily: DAILY_FIELDS, hourly: HOURLY_FIELDS };

/** Open-Meteo's forecast reaches 16 days ahead. */
export const MAX_FORECAST_DAYS = 16;
const MAX_HOURS = MAX_FORECAST_DAYS * 24;
/** Hourly rows written into the readable text; the structured result has them all. */
const HOURS_IN_TEXT = 24;

function dailyLine(row: Row, units: Record<string, string>): string {
  return (
    `${String(row.weekday).slice(0, 3)} ${row.date}: ${row.weather ?? 'conditions n/a'}, ` +
    `${withUnit(row.temperatureMin, units.temperatureMin)} to ` +
    `${withUnit(row.temperatureMax, units.temperatureMax)}, ` +
    `precipitation ${withUnit(row.precipitationSum, units.precipitationSum)} ` +
    `(${withUnit(row.precipitationProbabilityMax, units.precipitationProbabilityMax)} chance), ` +
    `wind up to ${withUnit(row.windSpeedMax, units.windSpeedMax)}`
  );
}

function hourlyLine(row: Row, units: Record<string, string>): string {
  return (
    `${row.time}: ${row.weather ?? 'n/a'}, ${withUnit(row.temperature, units.temperature)}, ` +
    `precipitation ${withUnit(row.precipitation, units.precipitation)} ` +
    `(${withUnit(row.precipitationProbability, units.precipitationProbability)} chance), ` +
    `wind ${withUnit(row.windSpeed, units.windSpeed)}`
  );
}

export const getForecast = defineTool({
  name: 'get_forecast',
  title: 'Weather forecast',
  description:
    'Returns the daily forecast (up to 16 days) and optionally hourly values for a place ' +
    "(name in any script) or coordinates. Days follow the place's local time zone, every " +
    'time carries its UTC offset, and missing values are null, never 0.',
  input: z.object({
    ...locationInput,
    days: z
      .number()
      .int('days must be a whole number')
      .min(1, `days must be between 1 and ${MAX_FORECAST_DAYS}`)
      .max(MAX_FORECAST_DAYS, `days must be between 1 and ${MAX_FORECAST_DAYS}`)
      .default(7)
      .describe('Days to forecast, starting today in local time'),
    hourly: z.boolean().default(false).describe('Also return hourly values'),
    hours: z
      .number()
      .int('hours must be a whole number')
      .min(1, `hours must be between 1 and ${MAX_HOURS}`)
      .max(MAX_HOURS, `hours must be between 1 and ${MAX_HOURS}`)
      .default(48)
      .describe('Hourly values to return, starting with the current hour'),
    ...unitsInput,
    ...timezoneInput,
  }),
  output: z.object({
    ...contextOutput,
    ...dailyAndHourlyOutput(FIELDS),
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
        daily: variablesOf(DAILY_FIELDS),
        forecast_days: args.days,
        ...(args.hourly ? { hourly: variablesOf(HOURLY_FIELDS), forecast_hours: args.hours } : {}),
        timezone,
        timeformat: 'unixtime',
        ...unitsQuery(args),
      },
      CACHE_TTL_MS.forecast,
      call.signal,
    );
    await call.progress(2, 2, 'forecast received');

    const rows = readDailyAndHourly(response, FIELDS, 'forecast');
    const { daily, units } = rows;
    const hourly = rows.hourly.slice(0, args.hours);
    const context = responseContext(response, resolved);

    const lines = [contextText(context, `${daily.length}-day forecast`)];
    lines.push(...daily.map((row) => dailyLine(row, units.daily)));
    if (hourly.length > 0) {
      lines.push('Hourly:');
      lines.push(...hourly.slice(0, HOURS_IN_TEXT).map((row) => hourlyLine(row, units.hourly)));
      if (hourly.length > HOURS_IN_TEXT) {
        lines.push(`(${hourly.length - HOURS_IN_TEXT} more hours in the structured result)`);
      }
    }

    return {
      structured: { ...context, units, daily, hourly },
      text: lines.join('\n'),
    };
  },
});
