import type { OpenMeteoApi } from './open-meteo/api.ts';

/** State the weather tools share for the life of the server process. */
export interface WeatherDeps {
  api: OpenMeteoApi;
}
