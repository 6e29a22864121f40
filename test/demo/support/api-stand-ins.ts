import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiStandIn {
  url: string;
  /** Path and query of every request, in order. */
  requests: string[];
  close(): Promise<void>;
}

async function serve(handle: (url: URL, response: ServerResponse) => void): Promise<ApiStandIn> {
  const requests: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push(`${url.pathname}${url.search}`);
    handle(url, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

/** Units Open-Meteo reports for the current-weather variables, by variable prefix. */
function unitFor(variable: string): string {
  if (variable.startsWith('temperature') || variable.startsWith('apparent')) return '°C';
  if (variable.startsWith('relative_humidity') || variable.startsWith('cloud')) return '%';
  if (variable.startsWith('wind_speed') || variable.startsWith('wind_gusts')) return 'km/h';
  if (variable.startsWith('wind_direction')) return '°';
  if (variable.startsWith('pressure')) return 'hPa';
  if (variable === 'precipitation') return 'mm';
  if (variable === 'weather_code') return 'wmo code';
  return '';
}

/** Variables whose value must be a code, not a measurement. */
const FIXED_VALUES: Record<string, number> = { weather_code: 3, is_day: 1 };

/**
 * Open-Meteo's geocoding search (`/v1/search`) and forecast (`/v1/forecast`,
 * current conditions) on one local port. Every place is found, at fixed
 * coordinates, and every requested variable gets a plausible number.
 */
export function startOpenMeteoStandIn(): Promise<ApiStandIn> {
  return serve((url, response) => {
    if (url.pathname === '/v1/search') {
      const name = url.searchParams.get('name') ?? '';
      sendJson(response, 200, {
        results: [
          {
            id: 1_000_001,
            name,
            latitude: 31.22,
            longitude: 121.46,
            elevation: 12,
            feature_code: 'PPLA',
            country_code: url.searchParams.get('countryCode') ?? 'CN',
            country: 'Test Country',
            timezone: 'Asia/Shanghai',
            population: 1_000_000,
          },
        ],
        generationtime_ms: 0.5,
      });
      return;
    }

    if (url.pathname === '/v1/forecast') {
      const variables = (url.searchParams.get('current') ?? '').split(',').filter(Boolean);
      const current: Record<string, number> = { time: 1_767_225_600, interval: 900 };
      const units: Record<string, string> = { time: 'unixtime', interval: 'seconds' };
      for (const variable of variables) {
        current[variable] = FIXED_VALUES[variable] ?? 21.5;
        units[variable] = unitFor(variable);
      }
      sendJson(response, 200, {
        latitude: Number(url.searchParams.get('latitude')),
        longitude: Number(url.searchParams.get('longitude')),
        generationtime_ms: 0.1,
        utc_offset_seconds: 28_800,
        timezone: 'Asia/Shanghai',
        timezone_abbreviation: 'GMT+8',
        elevation: 12,
        current_units: units,
        current,
      });
      return;
    }

    sendJson(response, 404, { error: true, reason: `No route for ${url.pathname}` });
  });
}

/**
 * MyMemory's `/get` endpoint. It returns each text marked with its target
 * language, because only the response shape matters here.
 */
export function startMyMemoryStandIn(): Promise<ApiStandIn> {
  return serve((url, response) => {
    if (url.pathname !== '/get') {
      sendJson(response, 404, {
        responseData: null,
        responseStatus: 404,
        responseDetails: 'NOT FOUND',
      });
      return;
    }
    const text = url.searchParams.get('q') ?? '';
    const target = (url.searchParams.get('langpair') ?? '|').split('|')[1] ?? '';
    sendJson(response, 200, {
      responseData: { translatedText: `[${target}] ${text}`, match: 1 },
      quotaFinished: false,
      mtLangSupported: null,
      responseDetails: '',
      responseStatus: 200,
      responderId: null,
      exception_code: null,
      matches: [],
    });
  });
}
