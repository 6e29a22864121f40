import { z } from 'zod';
import { defineTool, type ToolCall } from '../../../shared/tools.ts';
import type { WeatherDeps } from '../deps.ts';
import { resolveLocation } from '../location.ts';
import { dailyAndHourlyOutput, readDailyAndHourly, variablesOf, type Row } from '../series.ts';
import { contextText, responseContext, withUnit } from './context.ts';
import { checkArchiveRange } from './dates.ts';
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
  temperatureMean: 'temperature_2m_mean',
  precipitationSum: 'precipitation_sum',
  snowfallSum: 'snowfall_sum',
  windSpeedMax: 'wind_speed_10m_max',
  windGustsMax: 'wind_gusts_10m_max',
  sunrise: 'sunrise',
  sunset: 'sunset',
} as const;

const HOURLY_FIELDS = {
  temperature: 'temperature_2m',
  relativeHumidity: 'relative_humidity_2m',
  precipitation: 'precipitation',
  weatherCode: 'weather_code',
  cloudCover: 'cloud_cover',
  windSpeed: 'wind_speed_10m',
  windDirection: 'wind_direction_10m',
} as const;

const FIELDS = { daily: DAILY_FIELDS, hourly: HOURLY_FIELDS };

/** Daily rows written into the readable text; the structured result has them all. */
const DAYS_IN_TEXT = 31;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function dailyLine(row: Row, units: Record<string, string>): string {
  return (
    `${row.date}: ${row.weather ?? 'conditions n/a'}, ` +
    `${withUnit(row.temperatureMin, units.temperatureMin)} to ` +
    `${withUnit(row.temperatureMax, units.temperatureMax)}, ` +
    `precipitation ${withUnit(row.precipitationSum, units.precipitationSum)}, ` +
    `gusts up to ${withUnit(row.windGustsMax, units.windGustsMax)}`
  );
}

export const getHistoricalWeather = defineTool({
  name: 'get_historical_weather',
  title: 'Historical weather',
  description:
    'Returns observed weather (ERA5 reanalysis) for a date range from 1940-01-01 up to ' +
    'yesterday: daily values for up to 366 days, optionally hourly values for up to 31 days. ' +
    "Days follow the place's local time zone; values not yet available are null.",
  input: z.object({
    ...locationInput,
    startDate: z.string().regex(DATE, 'startDate must look like YYYY-MM-DD'),
    endDate: z.string().regex(DATE, 'endDate must look like YYYY-MM-DD'),
    hourly: z.boolean().default(false).describe('Also return hourly values (ranges up to 31 days)'),
    ...unitsInput,
    ...timezoneInput,
  }),
  output: z.object({
    ...contextOutput,
    startDate: z.string(),
    endDate: z.string(),
    ...dailyAndHourlyOutput(FIELDS),
  }),
  annotations: READ_ONLY_OPEN_WORLD,
  async handler(args, call: ToolCall<WeatherDeps>) {
    const range = checkArchiveRange(args.startDate, args.endDate, args.hourly);
    const timezone = timezoneQuery(args.timezone);
    const resolved = await resolveLocation(call.deps.api, args, call.signal);
    await call.progress(1, 2, 'place resolved');

    const response = await call.deps.api.archive(
      {
        latitude: resolved.place.latitude,
        longitude: resolved.place.longitude,
        start_date: range.startDate,
        end_date: range.endDate,
        daily: variablesOf(DAILY_FIELDS),
        ...(args.hourly ? { hourly: variablesOf(HOURLY_FIELDS) } : {}),
        timezone,
        timeformat: 'unixtime',
        ...unitsQuery(args),
      },
      call.signal,
    );
    await call.progress(2, 2, 'history received');

    const { daily, hourly, units } = readDailyAndHourly(response, FIELDS, 'archive');
    const context = responseContext(response, resolved);

    const lines = [contextText(context, `Weather from ${range.startDate} to ${range.endDate}`)];
    lines.push(...daily.slice(0, DAYS_IN_TEXT).map((row) => dailyLine(row, units.daily)));
    if (daily.length > DAYS_IN_TEXT) {
      lines.push(`(${daily.length - DAYS_IN_TEXT} more days in the structured result)`);
    }
    if (hourly.length > 0) lines.push(`${hourly.length} hourly values in the structured result.`);

    return {
      structured: {
        ...context,
        startDate: range.startDate,
        endDate: range.endDate,
        units,
        daily,
        hourly,
      },
      text: lines.join('\n'),
    };
  },
});
