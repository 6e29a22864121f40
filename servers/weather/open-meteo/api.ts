import { HttpClient, type QueryParams } from '../../../shared/http/index.ts';
import type { Logger } from '../../../shared/logging.ts';
import {
  parseGeocodingRecord,
  parseGeocodingSearch,
  parseWeatherResponse,
  type GeocodingResult,
  type WeatherResponse,
} from './responses.ts';

export interface OpenMeteoOptions {
  forecastUrl: string;
  geocodingUrl: string;
  archiveUrl: string;
  airQualityUrl: string;
  /** Key for Open-Meteo's commercial hosts, sent as the `apikey` query parameter. */
  apiKey?: string;
  redisUrl?: string;
  timeoutMs: number;
  logger: Logger;
  /** Cache key prefix; tests set their own so suites sharing one Redis stay apart. */
  cacheNamespace?: string;
}

/** Cache lifetime per kind of data, in milliseconds. */
export const CACHE_TTL_MS = {
  /** Place names and coordinates hardly ever change. */
  geocoding: 24 * 60 * 60 * 1000,
  /** Current conditions are updated every 15 minutes upstream. */
  current: 5 * 60 * 1000,
  forecast: 15 * 60 * 1000,
  airQuality: 30 * 60 * 1000,
  /** Past days only change while the most recent ones are still being filled in. */
  archive: 6 * 60 * 60 * 1000,
} as const;

export interface PlaceSearch {
  name: string;
  count: number;
  language: string;
  countryCode?: string;
}

/** Typed calls to the four Open-Meteo services, through the shared HTTP client. */
export class OpenMeteoApi {
  readonly http: HttpClient;
  readonly #options: OpenMeteoOptions;

  constructor(options: OpenMeteoOptions) {
    this.#options = options;
    this.http = new HttpClient({
      upstream: 'Open-Meteo',
      logger: options.logger,
      timeoutMs: options.timeoutMs,
      headers: { 'User-Agent': 'conduit-mcp weather' },
      secrets: [options.apiKey],
      cache: {
        namespace: options.cacheNamespace ?? 'conduit:weather',
        ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
      },
    });
  }

  async searchPlaces(search: PlaceSearch, signal?: AbortSignal): Promise<GeocodingResult[]> {
    const body = await this.#get(
      this.#options.geocodingUrl,
      '/v1/search',
      {
        name: search.name,
        count: search.count,
        language: search.language,
        countryCode: search.countryCode,
        format: 'json',
      },
      CACHE_TTL_MS.geocoding,
      signal,
    );
    return parseGeocodingSearch(body);
  }

  async getPlace(id: number, language: string, signal?: AbortSignal): Promise<GeocodingResult> {
    const body = await this.#get(
      this.#options.geocodingUrl,
      '/v1/get',
      { id, language, format: 'json' },
      CACHE_TTL_MS.geocoding,
      signal,
    );
    return parseGeocodingRecord(body);
  }

  async forecast(
    query: QueryParams,
    ttlMs: number,
    signal?: AbortSignal,
  ): Promise<WeatherResponse> {
    const body = await this.#get(this.#options.forecastUrl, '/v1/forecast', query, ttlMs, signal);
    return parseWeatherResponse(body, 'forecast');
  }

  async archive(query: QueryParams, signal?: AbortSignal): Promise<WeatherResponse> {
    const body = await this.#get(
      this.#options.archiveUrl,
      '/v1/archive',
      query,
      CACHE_TTL_MS.archive,
      signal,
    );
    return parseWeatherResponse(body, 'archive');
  }

  async airQuality(query: QueryParams, signal?: AbortSignal): Promise<WeatherResponse> {
    const body = await this.#get(
      this.#options.airQualityUrl,
      '/v1/air-quality',
      query,
      CACHE_TTL_MS.airQuality,
      signal,
    );
    return parseWeatherResponse(body, 'air quality');
  }

  close(): Promise<void> {
    return this.http.close();
  }

  async #get(
    baseUrl: string,
    path: string,
    query: QueryParams,
    ttlMs: number,
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    const withKey = this.#options.apiKey ? { ...query, apikey: this.#options.apiKey } : query;
    const response = await this.http.get(baseUrl, path, {
      query: withKey,
      cache: { ttlMs },
      ...(signal ? { signal } : {}),
    });
    return response.data;
  }
}
