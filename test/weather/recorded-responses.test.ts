import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../shared/logging.ts';
import { HttpError } from '../../shared/http/index.ts';
import { OpenMeteoApi } from '../../servers/weather/open-meteo/api.ts';
import { readSeries, type WeatherResponse } from '../../servers/weather/open-meteo/responses.ts';
import { toPlace } from '../../servers/weather/places.ts';
import { clockFor, currentRow, toRows } from '../../servers/weather/series.ts';
import { startStandIn, type StandIn } from '../support/stand-in.ts';

/**
 * Runs every recorded Open-Meteo response in $CONDUIT_FIXTURES_DIR/open-meteo
 * through the real client and parsers: the stand-in serves each file's bytes
 * unchanged, with status 400 for the error bodies.
 */
const FIXTURES_VARIABLE = 'CONDUIT_FIXTURES_DIR';
const root = process.env[FIXTURES_VARIABLE];
const folder = root ? path.join(root, 'open-meteo') : undefined;
const files = folder
  ? readdirSync(folder)
      .filter((name) => name.endsWith('.json'))
      .sort()
  : [];

if (!folder) {
  process.stderr.write(
    `skipping recorded Open-Meteo responses: set ${FIXTURES_VARIABLE} to the fixtures folder\n`,
  );
}

let server: StandIn;
let served = { status: 200, text: '' };

function api(): OpenMeteoApi {
  return new OpenMeteoApi({
    forecastUrl: server.url,
    geocodingUrl: server.url,
    archiveUrl: server.url,
    airQualityUrl: server.url,
    timeoutMs: 3000,
    logger: silentLogger(),
  });
}

function identity(columns: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.keys(columns).map((name) => [name, name]));
}

/** Checks every time block and the current block of a weather response. */
function checkWeather(response: WeatherResponse, raw: Record<string, unknown>) {
  const clock = clockFor(response);
  expect(Number.isFinite(response.latitude)).toBe(true);
  expect(Number.isFinite(response.longitude)).toBe(true);

  for (const name of ['hourly', 'daily', 'minutely_15'] as const) {
    const series = readSeries(response[name], response[`${name}_units`], 'fixture');
    const rawBlock = raw[name] as Record<string, unknown[]> | undefined;
    if (!series || !rawBlock) {
      expect(series).toBe(rawBlock);
      continue;
    }

    const rows = toRows(
      series,
      identity(series.columns),
      clock,
      name === 'daily' ? 'daily' : 'hourly',
    );
    expect(rows).toHaveLength(rawBlock.time?.length ?? -1);
    for (const [column, values] of Object.entries(rawBlock)) {
      if (column === 'time') continue;
      values.forEach((value, index) => expect(rows[index]?.[column]).toBe(value));
    }
  }

  if (response.current) {
    const row = currentRow(response, identity(response.current), clock);
    const rawCurrent = raw.current as Record<string, unknown>;
    expect(row?.time).toBe(rawCurrent.time);
  }
}

describe.skipIf(!folder)('recorded Open-Meteo responses', () => {
  beforeAll(async () => {
    server = await startStandIn(() => ({
      status: served.status,
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: served.text,
    }));
  });

  afterAll(async () => {
    await server?.close();
  });

  it('finds recorded responses', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('parses %s', async (file) => {
    const text = readFileSync(path.join(folder ?? '', file), 'utf8');
    const raw = JSON.parse(text) as Record<string, unknown>;
    const client = api();
    served = { status: file.startsWith('error-') ? 400 : 200, text };

    try {
      if (file.startsWith('error-')) {
        const error = await client.forecast({ latitude: 0, longitude: 0 }, 1000).catch((e) => e);
        expect(error).toBeInstanceOf(HttpError);
        expect((error as HttpError).status).toBe(400);
        expect((error as HttpError).code).toBe('INVALID_ARGUMENT');
        expect((error as HttpError).reason).toBe(raw.reason);
      } else if (file.startsWith('geocoding-get-by-id')) {
        const place = toPlace(await client.getPlace(1, 'nl'));
        expect(place.name).toBe(raw.name);
        expect(place.country).toBe(raw.country);
      } else if (file.startsWith('geocoding-')) {
        const results = await client.searchPlaces({ name: 'x', count: 10, language: 'en' });
        const places = results.map(toPlace);
        const rawResults = (raw.results ?? []) as Record<string, unknown>[];
        expect(places).toHaveLength(rawResults.length);
        places.forEach((place, index) => {
          expect(place.name).toBe(rawResults[index]?.name);
          expect(place.country).toBe(rawResults[index]?.country ?? null);
          expect(place.population).toBe(rawResults[index]?.population ?? null);
        });
      } else if (file.startsWith('archive-')) {
        checkWeather(await client.archive({ latitude: 0, longitude: 0 }), raw);
      } else if (file.startsWith('air-quality-')) {
        checkWeather(await client.airQuality({ latitude: 0, longitude: 0 }), raw);
      } else if (file.startsWith('forecast-')) {
        checkWeather(await client.forecast({ latitude: 0, longitude: 0 }, 1000), raw);
      } else {
        throw new Error(`no parser chosen for ${file}; name it after its endpoint`);
      }
    } finally {
      await client.close();
    }
  });
});
