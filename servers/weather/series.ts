import { z } from 'zod';
import { formatLocalDate, formatLocalTime, isKnownTimeZone, weekdayOf } from './local-time.ts';
import { readSeries, type Series, type WeatherResponse } from './open-meteo/responses.ts';
import { describeWeatherCode } from './wmo.ts';

/** Output field name to Open-Meteo variable name, such as `temperatureMax: 'temperature_2m_max'`. */
export type FieldMap = Readonly<Record<string, string>>;

export type Cell = number | string | null;
export type Row = Record<string, Cell>;

/** Variables whose values are instants (sunrise, sunset), formatted like the time column. */
const INSTANT_VARIABLES = new Set(['sunrise', 'sunset']);

/** Converts Open-Meteo's time values to local text for one response. */
export interface Clock {
  time(value: number | string): string;
  date(value: number | string): string;
}

function fixedOffset(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  const minutes = Math.abs(seconds) / 60;
  const hours = String(Math.floor(minutes / 60)).padStart(2, '0');
  return `${sign}${hours}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * Builds the clock for a response. Times requested as unix seconds are
 * formatted in the response's IANA time zone, so each hour carries the
 * offset in force at that hour, across daylight-saving changes too. Local
 * ISO text (the API's default format) is passed through unchanged.
 */
export function clockFor(response: WeatherResponse): Clock {
  const timeZone = response.timezone ?? 'GMT';
  const known = isKnownTimeZone(timeZone);
  const offsetSeconds = response.utc_offset_seconds ?? 0;

  const time = (value: number | string): string => {
    if (typeof value === 'string') return value;
    if (known) return formatLocalTime(value, timeZone);
    // NOTE: a zone the runtime's ICU data lacks falls back to the response's current offset.
    const shifted = new Date((value + offsetSeconds) * 1000).toISOString().slice(0, 16);
    return `${shifted}${fixedOffset(offsetSeconds)}`;
  };
  const date = (value: number | string): string => {
    if (typeof value === 'string') return value.slice(0, 10);
    return known ? formatLocalDate(value, timeZone) : time(value).slice(0, 10);
  };
  return { time, date };
}

function cellAt(series: Series, variable: string, index: number): Cell {
  const value = series.columns[variable]?.[index];
  return value === undefined ? null : value;
}

/**
 * Turns a column block into rows with our field names. Missing values stay
 * null, a weather code gains its description, and a daily row gains its
 * weekday.
 */
export function toRows(
  series: Series | undefined,
  fields: FieldMap,
  clock: Clock,
  kind: 'hourly' | 'daily',
): Row[] {
  if (!series) return [];
  return series.time.map((stamp, index) => {
    const row: Row =
      kind === 'daily'
        ? { date: clock.date(stamp), weekday: weekdayOf(clock.date(stamp)) }
        : { time: clock.time(stamp) };
    for (const [field, variable] of Object.entries(fields)) {
      const value = cellAt(series, variable, index);
      row[field] = INSTANT_VARIABLES.has(variable) && value !== null ? clock.time(value) : value;
    }
    if ('weatherCode' in fields) {
      const code = row.weatherCode;
      row.weather = describeWeatherCode(typeof code === 'number' ? code : null);
    }
    return row;
  });
}

/**
 * Drops the hours before the current one from a block requested as unix
 * seconds, for endpoints whose hourly data starts at local midnight.
 */
export function fromCurrentHour(series: Series | undefined, now = Date.now()): Series | undefined {
  if (!series) return undefined;
  const hourStart = Math.floor(now / 3_600_000) * 3600;
  const first = series.time.findIndex((stamp) => typeof stamp !== 'number' || stamp >= hourStart);
  if (first <= 0) return series;

  const columns: Series['columns'] = {};
  for (const [name, values] of Object.entries(series.columns)) columns[name] = values.slice(first);
  return { time: series.time.slice(first), columns, units: series.units };
}

/** Reads the `current` block into one row, or null when the response has none. */
export function currentRow(response: WeatherResponse, fields: FieldMap, clock: Clock): Row | null {
  const current = response.current;
  if (!current) return null;
  const stamp = current.time;
  const row: Row = { time: stamp === undefined || stamp === null ? null : clock.time(stamp) };
  for (const [field, variable] of Object.entries(fields)) row[field] = current[variable] ?? null;
  if ('weatherCode' in fields) {
    const code = row.weatherCode;
    row.weather = describeWeatherCode(typeof code === 'number' ? code : null);
  }
  return row;
}

/** Units of our fields, read from the response's `*_units` block. */
export function unitsOf(
  units: Record<string, string> | undefined,
  fields: FieldMap,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [field, variable] of Object.entries(fields)) {
    const unit = units?.[variable];
    if (unit !== undefined) result[field] = unit;
  }
  return result;
}

/** Joins the Open-Meteo variable names for a query parameter such as `daily=`. */
export function variablesOf(fields: FieldMap): string {
  return Object.values(fields).join(',');
}

const cellSchema = z.union([z.number(), z.string(), z.null()]);

/** zod schema of rows built by toRows for these fields. */
export function rowSchema(fields: FieldMap, kind: 'hourly' | 'daily' | 'current') {
  const shape: Record<string, z.ZodType> = {};
  if (kind === 'daily') {
    shape.date = z.string().describe('local date, YYYY-MM-DD');
    shape.weekday = z.string();
  } else {
    shape.time = z.string().nullable().describe('local time with its UTC offset');
  }
  for (const field of Object.keys(fields)) shape[field] = cellSchema;
  if ('weatherCode' in fields) {
    shape.weather = z.string().nullable().describe('description of the WMO weather code');
  }
  return z.object(shape);
}

export interface DailyHourlyFields {
  daily: FieldMap;
  hourly: FieldMap;
}

/** Reads the daily and hourly blocks of a forecast or archive response into rows with units. */
export function readDailyAndHourly(
  response: WeatherResponse,
  fields: DailyHourlyFields,
  endpoint: string,
) {
  const clock = clockFor(response);
  const dailySeries = readSeries(response.daily, response.daily_units, endpoint);
  const hourlySeries = readSeries(response.hourly, response.hourly_units, endpoint);
  return {
    daily: toRows(dailySeries, fields.daily, clock, 'daily'),
    hourly: toRows(hourlySeries, fields.hourly, clock, 'hourly'),
    units: {
      daily: unitsOf(response.daily_units, fields.daily),
      hourly: unitsOf(response.hourly_units, fields.hourly),
    },
  };
}

/** Output schema fields matching readDailyAndHourly. */
export function dailyAndHourlyOutput(fields: DailyHourlyFields) {
  return {
    units: z.object({
      daily: z.record(z.string(), z.string()),
      hourly: z.record(z.string(), z.string()),
    }),
    daily: z.array(rowSchema(fields.daily, 'daily')),
    hourly: z.array(rowSchema(fields.hourly, 'hourly')),
  };
}
