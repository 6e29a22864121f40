import { defineServerModule } from '../../shared/server-module.ts';
import { createWeatherServer } from './index.ts';
import { OpenMeteoApi } from './open-meteo/api.ts';
import { weatherOptions } from './options.ts';

const FREE_HOSTS =
  /^https:\/\/(api|geocoding-api|archive-api|air-quality-api)\.open-meteo\.com\/?$/;

export const weatherModule = defineServerModule({
  name: 'weather',
  summary: 'weather, forecasts, history and air quality from Open-Meteo, places in any script',
  options: weatherOptions,
  open(values, logger) {
    if (values.apiKey && FREE_HOSTS.test(values.baseUrl)) {
      logger.warn(
        'an Open-Meteo API key is set but --base-url is the free host; ' +
          'set --base-url (and the other host options) to your commercial hosts',
      );
    }

    // The client imports axios, keyv and Redis only on the first request.
    const api = new OpenMeteoApi({
      forecastUrl: values.baseUrl,
      geocodingUrl: values.geocodingUrl,
      archiveUrl: values.archiveUrl,
      airQualityUrl: values.airQualityUrl,
      timeoutMs: values.timeoutMs,
      logger,
      ...(values.apiKey ? { apiKey: values.apiKey } : {}),
      ...(values.redis ? { redisUrl: values.redis } : {}),
    });

    return {
      createServer: () => createWeatherServer({ api }, logger),
      close: () => api.close(),
    };
  },
});
