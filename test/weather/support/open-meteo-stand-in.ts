import {
  startStandIn,
  type ReceivedRequest,
  type StandIn,
  type StandInReply,
} from '../../support/stand-in.ts';
import { GAZETTEER, searchGazetteer } from './gazetteer.ts';
import { addDays, localDate, localIso, localMidnight, offsetAt } from './zones.ts';

/**
 * A local replacement for the four Open-Meteo services, replying in their
 * real JSON shapes with generated values. Values are deterministic, so tests
 * can assert them; `override` injects failures per path.
 */
export interface OpenMeteoStandIn extends StandIn {
  /** Replies to the next requests for `path` with `reply` until cleared with null. */
  override(
    path: string,
    reply: StandInReply | ((request: ReceivedRequest) => StandInReply) | null,
  ): void;
}

type Cell = number | string | null;

const TEMPERATURE = { celsius: '°C', fahrenheit: '°F' } as const;
const WIND = { kmh: 'km/h', ms: 'm/s', mph: 'mp/h', kn: 'kn' } as const;
const WIND_FACTOR = { kmh: 1, ms: 1 / 3.6, mph: 1 / 1.609344, kn: 1 / 1.852 } as const;
const PRECIPITATION = { mm: 'mm', inch: 'inch' } as const;

interface Settings {
  timeZone: string;
  unixtime: boolean;
  temperature: keyof typeof TEMPERATURE;
  wind: keyof typeof WIND;
  precipitation: keyof typeof PRECIPITATION;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Generated value of one variable at one step; null for variables the stand-in does not model. */
function valueOf(variable: string, index: number, instant: number, settings: Settings): Cell {
  const hour = (instant + offsetAt(instant, settings.timeZone)) / 3600;
  const celsius = (value: number) =>
    round(settings.temperature === 'fahrenheit' ? (value * 9) / 5 + 32 : value);
  const wind = (value: number) => round(value * WIND_FACTOR[settings.wind]);
  const rain = (value: number) => round(settings.precipitation === 'inch' ? value / 25.4 : value);

  if (variable.endsWith('_max') && variable.startsWith('temperature'))
    return celsius(18 + (index % 3));
  if (variable.endsWith('_min') && variable.startsWith('temperature'))
    return celsius(6 - (index % 3));
  if (variable.endsWith('_mean')) return celsius(12);
  if (variable.startsWith('apparent_temperature_max')) return celsius(17);
  if (variable.startsWith('apparent_temperature_min')) return celsius(4);
  if (variable.startsWith('temperature') || variable.startsWith('apparent')) {
    return celsius(10 + 8 * Math.sin((2 * Math.PI * (hour - 9)) / 24));
  }
  switch (variable) {
    case 'weather_code':
      return [0, 1, 2, 3, 45, 61, 80, 95][index % 8] ?? 0;
    case 'precipitation':
    case 'precipitation_sum':
      return rain(index % 3 === 0 ? 1.2 : 0);
    case 'snowfall_sum':
      return 0;
    case 'precipitation_probability':
    case 'precipitation_probability_max':
      return (index * 13) % 100;
    case 'relative_humidity_2m':
      return 60 + (index % 30);
    case 'cloud_cover':
      return (index * 7) % 100;
    case 'pressure_msl':
      return 1013.2;
    case 'wind_speed_10m':
    case 'wind_speed_10m_max':
      return wind(10 + (index % 15));
    case 'wind_gusts_10m':
    case 'wind_gusts_10m_max':
      return wind(20 + (index % 10));
    case 'wind_direction_10m':
    case 'wind_direction_10m_dominant':
      return (index * 45) % 360;
    case 'uv_index':
    case 'uv_index_max':
      return 3.5;
    case 'is_day':
      return Math.floor(hour) % 24 >= 6 && Math.floor(hour) % 24 < 18 ? 1 : 0;
    case 'european_aqi':
      return 20 + (index % 40);
    case 'us_aqi':
      return 30 + (index % 50);
    case 'pm10':
      return 12.5;
    case 'pm2_5':
      return 7.1;
    case 'carbon_monoxide':
      return 180;
    case 'nitrogen_dioxide':
      return 14.2;
    case 'sulphur_dioxide':
      return 2.3;
    case 'ozone':
      return 61;
    case 'sunrise':
      return settings.unixtime
        ? instant + 6.5 * 3600
        : localIso(instant + 6.5 * 3600, settings.timeZone);
    case 'sunset':
      return settings.unixtime
        ? instant + 18 * 3600
        : localIso(instant + 18 * 3600, settings.timeZone);
    default:
      return null;
  }
}

function unitOf(variable: string, settings: Settings): string {
  if (variable.startsWith('temperature') || variable.startsWith('apparent')) {
    return TEMPERATURE[settings.temperature];
  }
  if (variable.startsWith('wind_speed') || variable.startsWith('wind_gusts'))
    return WIND[settings.wind];
  if (variable.startsWith('wind_direction')) return '°';
  if (variable.startsWith('precipitation_probability') || variable === 'relative_humidity_2m')
    return '%';
  if (variable === 'cloud_cover') return '%';
  if (variable.startsWith('precipitation')) return PRECIPITATION[settings.precipitation];
  if (variable === 'snowfall_sum') return 'cm';
  if (variable === 'weather_code') return 'wmo code';
  if (variable === 'pressure_msl') return 'hPa';
  if (variable === 'sunrise' || variable === 'sunset')
    return settings.unixtime ? 'unixtime' : 'iso8601';
  if (variable === 'european_aqi') return 'EAQI';
  if (variable === 'us_aqi') return 'USAQI';
  if (variable.startsWith('uv_index') || variable === 'is_day') return '';
  return 'μg/m³';
}

function stamp(instant: number, settings: Settings, dateOnly: boolean): Cell {
  if (settings.unixtime) return instant;
  return dateOnly ? localDate(instant, settings.timeZone) : localIso(instant, settings.timeZone);
}

function block(variables: string[], instants: number[], settings: Settings, daily: boolean) {
  const units: Record<string, string> = { time: settings.unixtime ? 'unixtime' : 'iso8601' };
  const values: Record<string, Cell[]> = {
    time: instants.map((instant) => stamp(instant, settings, daily)),
  };
  for (const variable of variables) {
    units[variable] = unitOf(variable, settings);
    values[variable] = instants.map((instant, index) =>
      valueOf(variable, index, instant, settings),
    );
  }
  return { units, values };
}

function badRequest(reason: string): StandInReply {
  return { status: 400, body: { reason, error: true } };
}

function list(query: URLSearchParams, name: string): string[] {
  return (query.get(name) ?? '').split(',').filter(Boolean);
}

/** Resolves `timezone=auto` to the zone of the nearest known place, or GMT. */
function zoneFor(latitude: number, longitude: number): string {
  let best: { zone: string; distance: number } | undefined;
  for (const entry of GAZETTEER) {
    const distance = Math.hypot(
      entry.record.latitude - latitude,
      entry.record.longitude - longitude,
    );
    if (distance < 2 && (!best || distance < best.distance))
      best = { zone: entry.record.timezone, distance };
  }
  return best?.zone ?? 'GMT';
}

function weather(
  request: ReceivedRequest,
  kind: 'forecast' | 'archive' | 'air-quality',
): StandInReply {
  const query = request.query;
  const latitude = Number(query.get('latitude'));
  const longitude = Number(query.get('longitude'));
  if (!(latitude >= -90 && latitude <= 90)) {
    return badRequest(`Latitude must be in range of -90 to 90°. Given: ${query.get('latitude')}.`);
  }
  if (!(longitude >= -180 && longitude <= 180)) {
    return badRequest(
      `Longitude must be in range of -180 to 180°. Given: ${query.get('longitude')}.`,
    );
  }

  const requestedZone = query.get('timezone') ?? 'GMT';
  const settings: Settings = {
    timeZone: requestedZone === 'auto' ? zoneFor(latitude, longitude) : requestedZone,
    unixtime: query.get('timeformat') === 'unixtime',
    temperature: query.get('temperature_unit') === 'fahrenheit' ? 'fahrenheit' : 'celsius',
    wind: (query.get('wind_speed_unit') ?? 'kmh') as Settings['wind'],
    precipitation: query.get('precipitation_unit') === 'inch' ? 'inch' : 'mm',
  };

  const now = Math.floor(Date.now() / 1000);
  let firstDate = localDate(now, settings.timeZone);
  let days = Number(query.get('forecast_days') ?? (kind === 'air-quality' ? 5 : 7));
  if (kind === 'archive') {
    const start = query.get('start_date') ?? '';
    const end = query.get('end_date') ?? '';
    if (!start || !end) return badRequest('Parameter start_date and end_date are required');
    firstDate = start;
    days = Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000) + 1;
  } else if (!(days >= 0 && days <= (kind === 'forecast' ? 16 : 7))) {
    return badRequest(
      `Forecast days is invalid. Allowed range 0 to ${kind === 'forecast' ? 16 : 7}.`,
    );
  }

  const midnights = Array.from({ length: days }, (_, day) =>
    localMidnight(addDays(firstDate, day), settings.timeZone),
  );
  const end = localMidnight(addDays(firstDate, days), settings.timeZone);
  let hours: number[] = [];
  for (let instant = midnights[0] ?? end; instant < end; instant += 3600) hours.push(instant);
  const forecastHours = query.get('forecast_hours');
  if (forecastHours !== null) {
    const currentHour = Math.floor(now / 3600) * 3600;
    hours = Array.from({ length: Number(forecastHours) }, (_, index) => currentHour + index * 3600);
  }

  const body: Record<string, unknown> = {
    latitude: Math.round(latitude * 100) / 100,
    longitude: Math.round(longitude * 100) / 100,
    generationtime_ms: 0.5,
    utc_offset_seconds: offsetAt(now, settings.timeZone),
    timezone: settings.timeZone,
    timezone_abbreviation: settings.timeZone === 'GMT' ? 'GMT' : 'GMT+X',
    elevation: 38,
  };

  const current = list(query, 'current');
  if (current.length) {
    const instant = Math.floor(now / 900) * 900;
    const units: Record<string, string> = {
      time: settings.unixtime ? 'unixtime' : 'iso8601',
      interval: 'seconds',
    };
    const values: Record<string, Cell> = { time: stamp(instant, settings, false), interval: 900 };
    for (const variable of current) {
      units[variable] = unitOf(variable, settings);
      values[variable] = valueOf(variable, 0, instant, settings);
    }
    body.current_units = units;
    body.current = values;
  }

  const hourly = list(query, 'hourly');
  if (hourly.length) {
    const { units, values } = block(hourly, hours, settings, false);
    body.hourly_units = units;
    body.hourly = values;
  }

  const daily = list(query, 'daily');
  if (daily.length) {
    const { units, values } = block(daily, midnights, settings, true);
    // Like the real API, the last day of a 16-day forecast runs past the models' range.
    if (kind === 'forecast' && days === 16) {
      for (const variable of daily) values[variable]?.splice(-1, 1, null);
    }
    body.daily_units = units;
    body.daily = values;
  }
  return { body };
}

function search(request: ReceivedRequest): StandInReply {
  const count = Number(request.query.get('count') ?? 10);
  if (!(count >= 1 && count <= 100))
    return badRequest('Parameter count must be between 1 and 100.');
  const results = searchGazetteer(
    request.query.get('name') ?? '',
    request.query.get('language') ?? 'en',
    request.query.get('countryCode'),
  ).slice(0, count);
  return {
    body: results.length ? { results, generationtime_ms: 0.2 } : { generationtime_ms: 0.2 },
  };
}

function getById(request: ReceivedRequest): StandInReply {
  const id = Number(request.query.get('id'));
  const entry = GAZETTEER.find((candidate) => candidate.record.id === id);
  if (!entry) return badRequest('Location ID not found.');
  const language = request.query.get('language') ?? 'en';
  return { body: { ...entry.record, name: entry.names[language] ?? entry.names.en ?? '' } };
}

/** `latencyMs` delays every reply, to stand for the round trip to the real API. */
export async function startOpenMeteoStandIn(latencyMs = 0): Promise<OpenMeteoStandIn> {
  const overrides = new Map<string, StandInReply | ((request: ReceivedRequest) => StandInReply)>();
  const server = await startStandIn(async (request) => {
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    const override = overrides.get(request.path);
    if (override) return typeof override === 'function' ? override(request) : override;

    switch (request.path) {
      case '/v1/search':
        return search(request);
      case '/v1/get':
        return getById(request);
      case '/v1/forecast':
        return weather(request, 'forecast');
      case '/v1/archive':
        return weather(request, 'archive');
      case '/v1/air-quality':
        return weather(request, 'air-quality');
      default:
        return { status: 404, body: { reason: `No route for ${request.path}`, error: true } };
    }
  });

  return {
    ...server,
    override(path, reply) {
      if (reply === null) overrides.delete(path);
      else overrides.set(path, reply);
    },
  };
}
