import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectWeather, textOf, type ConnectedWeather } from './support/connect.ts';
import { startOpenMeteoStandIn, type OpenMeteoStandIn } from './support/open-meteo-stand-in.ts';

let standIn: OpenMeteoStandIn;
let weather: ConnectedWeather;
let client: Client;

type Structured = Record<string, unknown> & {
  location: {
    place: Record<string, unknown>;
    source: string;
    alternatives: Record<string, unknown>[];
  };
};

async function call(name: string, args: Record<string, unknown>) {
  const result = await client.callTool({ name, arguments: args });
  return {
    isError: result.isError === true,
    text: textOf(result),
    structured: result.structuredContent as Structured,
  };
}

beforeAll(async () => {
  standIn = await startOpenMeteoStandIn();
  weather = await connectWeather(standIn.url);
  client = weather.client;
});

afterAll(async () => {
  await weather.close();
  await standIn.close();
});

beforeEach(() => {
  for (const path of ['/v1/search', '/v1/forecast', '/v1/archive', '/v1/air-quality']) {
    standIn.override(path, null);
  }
});

describe('weather tools listing', () => {
  it('lists five annotated tools', async () => {
    const { tools } = await client.listTools();

    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'geocode',
      'get_air_quality',
      'get_current_weather',
      'get_forecast',
      'get_historical_weather',
    ]);
    for (const tool of tools) {
      expect(tool.annotations?.readOnlyHint).toBe(true);
      expect(tool.annotations?.openWorldHint).toBe(true);
      expect(tool.annotations?.destructiveHint).toBe(false);
      expect(tool.outputSchema).toBeDefined();
    }
  });
});

describe('geocode tool', () => {
  it('ranks the capital above villages', async () => {
    const result = await call('geocode', { name: '北京' });
    const results = result.structured.results as Record<string, unknown>[];

    expect(result.isError).toBe(false);
    expect(result.structured.query).toMatchObject({ language: 'zh' });
    expect(results[0]).toMatchObject({
      name: '北京市',
      featureCode: 'PPLC',
      timezone: 'Asia/Shanghai',
    });
    expect(results).toHaveLength(3);
  });

  it('sends the inferred language', async () => {
    await call('geocode', { name: 'Москва' });

    const sent = standIn.requests.filter((request) => request.path === '/v1/search').at(-1);
    expect(sent?.query.get('language')).toBe('ru');
    expect(sent?.query.get('name')).toBe('Москва');
  });

  it('finds a kanji name through Japanese', async () => {
    const result = await call('geocode', { name: '東京' });
    const results = result.structured.results as Record<string, unknown>[];

    expect(result.isError).toBe(false);
    expect(result.structured.query).toMatchObject({ language: 'ja' });
    expect(results[0]).toMatchObject({ countryCode: 'JP' });
  });

  it('applies a country qualifier', async () => {
    const result = await call('geocode', { name: 'Paris, France' });
    const results = result.structured.results as Record<string, unknown>[];
    const sent = standIn.requests.filter((request) => request.path === '/v1/search').at(-1);

    expect(sent?.query.get('name')).toBe('Paris');
    expect(sent?.query.get('countryCode')).toBe('FR');
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ country: 'France', region: 'Île-de-France' });
  });

  it('applies a region qualifier', async () => {
    const result = await call('geocode', { name: 'Paris, Texas' });
    const results = result.structured.results as Record<string, unknown>[];

    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ region: 'Texas', countryCode: 'US' });
  });

  it('matches accented names', async () => {
    const result = await call('geocode', { name: 'Zürich' });

    expect(result.isError).toBe(false);
    expect((result.structured.results as Record<string, unknown>[])[0]).toMatchObject({
      timezone: 'Europe/Zurich',
    });
  });

  it('reports an unknown place with next steps', async () => {
    const result = await call('geocode', { name: 'Xyzzyplughnowhere' });

    expect(result.isError).toBe(true);
    expect(result.text).toContain('NOT_FOUND');
    expect(result.text).toContain('"Xyzzyplughnowhere"');
    expect(result.text).toContain('latitude and longitude');
  });

  it('rejects an invalid country code', async () => {
    const result = await call('geocode', { name: 'Paris', countryCode: 'FRA' });

    expect(result.isError).toBe(true);
    expect(result.text).toContain('two-letter');
  });
});

describe('get_current_weather tool', () => {
  it('echoes place, coordinates and time zone', async () => {
    const result = await call('get_current_weather', { place: '上海' });
    const current = result.structured.current as Record<string, unknown>;

    expect(result.isError).toBe(false);
    expect(result.structured.location.place).toMatchObject({ name: '上海', latitude: 31.22222 });
    expect(result.structured.timezone).toBe('Asia/Shanghai');
    expect(current.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}\+08:00$/);
    expect(current.weather).toBe('Clear sky');
    expect(result.text).toContain('上海');
    expect(result.text).toContain('Asia/Shanghai');
  });

  it('accepts coordinates', async () => {
    const result = await call('get_current_weather', { latitude: 52.52, longitude: 13.41 });
    const sent = standIn.requests.filter((request) => request.path === '/v1/forecast').at(-1);

    expect(result.isError).toBe(false);
    expect(result.structured.location.source).toBe('coordinates');
    expect(result.structured.timezone).toBe('Europe/Berlin');
    expect(sent?.query.get('timezone')).toBe('auto');
  });

  it('converts units on request', async () => {
    const result = await call('get_current_weather', {
      latitude: 52.52,
      longitude: 13.41,
      temperatureUnit: 'fahrenheit',
      windSpeedUnit: 'kn',
      precipitationUnit: 'inch',
    });
    const sent = standIn.requests.filter((request) => request.path === '/v1/forecast').at(-1);

    expect(sent?.query.get('temperature_unit')).toBe('fahrenheit');
    expect(sent?.query.get('wind_speed_unit')).toBe('kn');
    expect(sent?.query.get('precipitation_unit')).toBe('inch');
    expect(result.structured.units).toMatchObject({
      temperature: '°F',
      windSpeed: 'kn',
      precipitation: 'inch',
    });
  });

  it('rejects a latitude out of range', async () => {
    const result = await call('get_current_weather', { latitude: 95, longitude: 10 });

    expect(result.isError).toBe(true);
    expect(result.text).toContain('between -90 and 90');
  });

  it('rejects half a coordinate pair', async () => {
    const result = await call('get_current_weather', { latitude: 45 });

    expect(result.isError).toBe(true);
    expect(result.text).toContain('longitude');
  });

  it('rejects a call without location', async () => {
    const result = await call('get_current_weather', {});

    expect(result.isError).toBe(true);
    expect(result.text).toContain('No location');
  });

  it('rejects an unknown time zone', async () => {
    const result = await call('get_current_weather', { place: 'Berlin', timezone: 'Mars/Olympus' });

    expect(result.isError).toBe(true);
    expect(result.text).toContain('Mars/Olympus');
  });
});

describe('get_forecast tool', () => {
  it('returns local days for a place', async () => {
    const result = await call('get_forecast', { place: '北京', days: 3 });
    const daily = result.structured.daily as Record<string, unknown>[];

    expect(result.isError).toBe(false);
    expect(result.structured.location.place).toMatchObject({ featureCode: 'PPLC' });
    expect(result.structured.location.alternatives).toHaveLength(2);
    expect(daily).toHaveLength(3);
    expect(daily[0]?.date).toBe(String(result.structured.localTime).slice(0, 10));
    expect(daily[0]).toMatchObject({ weatherCode: 0, weather: 'Clear sky', temperatureMax: 18 });
    expect(daily[0]?.sunrise).toMatch(/T06:30\+08:00$/);
    expect(result.text).toContain('Other matches');
  });

  it('sends progress notifications', async () => {
    const messages: (string | undefined)[] = [];

    await client.callTool(
      { name: 'get_forecast', arguments: { place: 'Berlin', days: 1 } },
      { onprogress: (progress) => messages.push(progress.message) },
    );

    expect(messages).toEqual(['place resolved', 'forecast received']);
  });

  it('keeps missing values null', async () => {
    const result = await call('get_forecast', { latitude: 52.52, longitude: 13.41, days: 16 });
    const daily = result.structured.daily as Record<string, unknown>[];

    expect(daily).toHaveLength(16);
    expect(daily[15]?.temperatureMax).toBeNull();
    expect(daily[15]?.weather).toBeNull();
    expect(result.text).toContain('n/a');
  });

  it('returns hourly values from now', async () => {
    const result = await call('get_forecast', {
      place: 'Berlin',
      days: 2,
      hourly: true,
      hours: 30,
    });
    const hourly = result.structured.hourly as Record<string, unknown>[];
    const sent = standIn.requests.filter((request) => request.path === '/v1/forecast').at(-1);

    expect(sent?.query.get('forecast_hours')).toBe('30');
    expect(hourly).toHaveLength(30);
    expect(hourly[0]?.time).toMatch(/\+0[12]:00$/);
    expect(result.text).toContain('6 more hours');
  });

  it('uses a requested time zone', async () => {
    const result = await call('get_forecast', {
      place: 'Berlin',
      days: 1,
      timezone: 'America/New_York',
    });
    const sent = standIn.requests.filter((request) => request.path === '/v1/forecast').at(-1);

    expect(sent?.query.get('timezone')).toBe('America/New_York');
    expect(result.structured.timezone).toBe('America/New_York');
    expect((result.structured.daily as Record<string, unknown>[])[0]?.sunset).toMatch(/-0[45]:00$/);
  });

  it('rejects more than 16 days', async () => {
    const result = await call('get_forecast', { place: 'Berlin', days: 17 });

    expect(result.isError).toBe(true);
    expect(result.text).toContain('between 1 and 16');
  });
});

describe('get_historical_weather tool', () => {
  it('keeps dates right across a DST change', async () => {
    const result = await call('get_historical_weather', {
      place: 'Berlin',
      startDate: '2024-03-30',
      endDate: '2024-03-31',
      hourly: true,
    });
    const daily = result.structured.daily as Record<string, unknown>[];
    const hourly = result.structured.hourly as Record<string, unknown>[];
    const times = hourly.map((row) => row.time);

    expect(result.isError).toBe(false);
    expect(daily.map((row) => row.date)).toEqual(['2024-03-30', '2024-03-31']);
    expect(daily.map((row) => row.weekday)).toEqual(['Saturday', 'Sunday']);
    expect(hourly).toHaveLength(47);
    expect(times).toContain('2024-03-31T01:00+01:00');
    expect(times).toContain('2024-03-31T03:00+02:00');
    expect(times).not.toContain('2024-03-31T02:00+01:00');
  });

  it('keeps the repeated autumn hour apart', async () => {
    const result = await call('get_historical_weather', {
      place: 'Berlin',
      startDate: '2024-10-27',
      endDate: '2024-10-27',
      hourly: true,
    });
    const times = (result.structured.hourly as Record<string, unknown>[]).map((row) => row.time);

    expect(times).toHaveLength(25);
    expect(times).toContain('2024-10-27T02:00+02:00');
    expect(times).toContain('2024-10-27T02:00+01:00');
  });

  it('rejects a range before 1940', async () => {
    const result = await call('get_historical_weather', {
      place: 'Berlin',
      startDate: '1939-12-31',
      endDate: '1940-01-05',
    });

    expect(result.isError).toBe(true);
    expect(result.text).toContain('1940-01-01');
  });

  it('rejects future dates', async () => {
    const result = await call('get_historical_weather', {
      place: 'Berlin',
      startDate: '2024-01-01',
      endDate: '2999-01-01',
    });

    expect(result.isError).toBe(true);
    expect(result.text).toContain('get_forecast');
  });

  it('rejects too many hourly days', async () => {
    const result = await call('get_historical_weather', {
      place: 'Berlin',
      startDate: '2024-01-01',
      endDate: '2024-03-01',
      hourly: true,
    });

    expect(result.isError).toBe(true);
    expect(result.text).toContain('at most 31');
  });

  it('rejects an impossible date', async () => {
    const result = await call('get_historical_weather', {
      place: 'Berlin',
      startDate: '2023-02-29',
      endDate: '2023-03-01',
    });

    expect(result.isError).toBe(true);
    expect(result.text).toContain('2023-02-29');
  });
});

describe('get_air_quality tool', () => {
  it('returns current and hourly values', async () => {
    const result = await call('get_air_quality', { place: 'Zürich', hours: 6 });
    const current = result.structured.current as Record<string, unknown>;
    const hourly = result.structured.hourly as Record<string, unknown>[];

    expect(result.isError).toBe(false);
    expect(current).toMatchObject({ europeanAqi: 20, pm2_5: 7.1 });
    expect(hourly).toHaveLength(6);
    expect(result.structured.units).toMatchObject({ pm2_5: 'μg/m³', europeanAqi: 'EAQI' });
  });
});

describe('upstream failures', () => {
  it('passes the reason of a 400', async () => {
    standIn.override('/v1/forecast', {
      status: 400,
      body: {
        reason: 'Cannot initialize WeatherVariable from invalid String value x',
        error: true,
      },
    });

    const result = await call('get_current_weather', { latitude: 1, longitude: 2 });

    expect(result.isError).toBe(true);
    expect(result.text).toContain('HTTP 400');
    expect(result.text).toContain('invalid String value');
  });

  it('reports a long rate limit', async () => {
    standIn.override('/v1/forecast', {
      status: 429,
      headers: { 'Retry-After': '60' },
      body: {
        error: true,
        reason: 'Minutely API request limit exceeded. Please try again in one minute.',
      },
    });

    const result = await call('get_current_weather', { latitude: 3, longitude: 4 });

    expect(result.isError).toBe(true);
    expect(result.text).toContain('RATE_LIMITED');
    expect(result.text).toContain('60 seconds');
  });

  it('reports an HTML error page', async () => {
    standIn.override('/v1/archive', {
      status: 502,
      body: '<html><body><h1>Bad Gateway</h1></body></html>',
    });

    const result = await call('get_historical_weather', {
      latitude: 5,
      longitude: 6,
      startDate: '2024-01-01',
      endDate: '2024-01-02',
    });

    expect(result.isError).toBe(true);
    expect(result.text).toContain('HTTP 502');
    expect(result.text).toContain('Bad Gateway');
    expect(result.text).not.toContain('<h1>');
  });

  it('reports a body of the wrong shape', async () => {
    standIn.override('/v1/air-quality', { body: { latitude: 'north' } });

    const result = await call('get_air_quality', { latitude: 7, longitude: 8 });

    expect(result.isError).toBe(true);
    expect(result.text).toContain('UPSTREAM_ERROR');
  });

  it('serves a repeat from the cache', async () => {
    const before = standIn.hits('/v1/forecast');

    await call('get_forecast', { latitude: 10, longitude: 20, days: 2 });
    await call('get_forecast', { latitude: 10, longitude: 20, days: 2 });

    expect(standIn.hits('/v1/forecast') - before).toBe(1);
  });
});
