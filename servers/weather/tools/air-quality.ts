import { z } from 'zod';
import { defineTool, type ToolCall } from '../../../shared/tools.ts';
import type { WeatherDeps } from '../deps.ts';
import { resolveLocation } from '../location.ts';
import { readSeries } from '../open-meteo/responses.ts';
import {
  clockFor,
  currentRow,
  fromCurrentHour,
  rowSchema,
  toRows,
  unitsOf,
  variablesOf,
} from '../series.ts';
import { contextText, responseContext, withUnit } from './context.ts';
import {
  READ_ONLY_OPEN_WORLD,
  contextOutput,
  locationInput,
  timezoneInput,
  timezoneQuery,
} from './schemas.ts';

const AIR_FIELDS = {
  europeanAqi: 'european_aqi',
  usAqi: 'us_aqi',
  pm10: 'pm10',
  pm2_5: 'pm2_5',
  carbonMonoxide: 'carbon_monoxide',
  nitrogenDioxide: 'nitrogen_dioxide',
  sulphurDioxide: 'sulphur_dioxide',
  ozone: 'ozone',
  uvIndex: 'uv_index',
} as const;

/** The air-quality forecast reaches 7 days ahead (CAMS). */
const MAX_DAYS = 7;
const MAX_HOURS = 120;
const HOURS_IN_TEXT = 12;

export const getAirQuality = defineTool({
  name: 'get_air_quality',
  title: 'Air quality',
  description:
    'Returns current air quality and an hourly forecast (up to 120 hours) for a place or ' +
    'coordinates: European and US AQI, PM10, PM2.5, CO, NO2, SO2, ozone and UV index.',
  input: z.object({
    ...locationInput,
    hours: z
      .number()
      .int('hours must be a whole number')
      .min(0, `hours must be between 0 and ${MAX_HOURS}`)
      .max(MAX_HOURS, `hours must be between 0 and ${MAX_HOURS}`)
      .default(24)
      .describe('Hourly forecast values to return from the current hour; 0 for current only'),
    ...timezoneInput,
  }),
  output: z.object({
    ...contextOutput,
    units: z.record(z.string(), z.string()),
    current: rowSchema(AIR_FIELDS, 'current').nullable(),
    hourly: z.array(rowSchema(AIR_FIELDS, 'hourly')),
  }),
  annotations: READ_ONLY_OPEN_WORLD,
  async handler(args, call: ToolCall<WeatherDeps>) {
    const timezone = timezoneQuery(args.timezone);
    const resolved = await resolveLocation(call.deps.api, args, call.signal);
    await call.progress(1, 2, 'place resolved');

    const variables = variablesOf(AIR_FIELDS);
    const response = await call.deps.api.airQuality(
      {
        latitude: resolved.place.latitude,
        longitude: resolved.place.longitude,
        current: variables,
        ...(args.hours > 0
          ? { hourly: variables, forecast_days: Math.min(MAX_DAYS, Math.ceil(args.hours / 24) + 1) }
          : {}),
        timezone,
        timeformat: 'unixtime',
      },
      call.signal,
    );
    await call.progress(2, 2, 'air quality received');

    const clock = clockFor(response);
    const current = currentRow(response, AIR_FIELDS, clock);
    const hourly = toRows(
      fromCurrentHour(readSeries(response.hourly, response.hourly_units, 'air quality')),
      AIR_FIELDS,
      clock,
      'hourly',
    ).slice(0, args.hours);
    const units = unitsOf(response.current_units ?? response.hourly_units, AIR_FIELDS);
    const context = responseContext(response, resolved);

    const lines = [contextText(context, 'Air quality')];
    if (current) {
      lines.push(
        `Now (${current.time}): European AQI ${withUnit(current.europeanAqi, undefined)}, ` +
          `US AQI ${withUnit(current.usAqi, undefined)}, ` +
          `PM2.5 ${withUnit(current.pm2_5, units.pm2_5)}, PM10 ${withUnit(current.pm10, units.pm10)}, ` +
          `ozone ${withUnit(current.ozone, units.ozone)}, UV index ${withUnit(current.uvIndex, undefined)}.`,
      );
    }
    for (const row of hourly.slice(0, HOURS_IN_TEXT)) {
      lines.push(
        `${row.time}: European AQI ${withUnit(row.europeanAqi, undefined)}, ` +
          `PM2.5 ${withUnit(row.pm2_5, units.pm2_5)}`,
      );
    }
    if (hourly.length > HOURS_IN_TEXT) {
      lines.push(`(${hourly.length - HOURS_IN_TEXT} more hours in the structured result)`);
    }

    return { structured: { ...context, units, current, hourly }, text: lines.join('\n') };
  },
});
