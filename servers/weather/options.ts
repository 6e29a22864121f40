import { z } from 'zod';
import { option } from '../../shared/config/options.ts';

const httpUrl = (flag: string) =>
  z
    .url({ message: `expected an http or https URL for --${flag}` })
    .refine((text) => /^https?:\/\//i.test(text), `expected an http or https URL for --${flag}`);

export const weatherOptions = {
  baseUrl: option({
    flag: 'base-url',
    env: ['OPEN_METEO_BASE_URL'],
    schema: httpUrl('base-url'),
    default: 'https://api.open-meteo.com',
    valueName: 'URL',
    description: 'Open-Meteo forecast host (current weather and forecasts)',
  }),
  geocodingUrl: option({
    flag: 'geocoding-url',
    env: ['OPEN_METEO_GEOCODING_URL'],
    schema: httpUrl('geocoding-url'),
    default: 'https://geocoding-api.open-meteo.com',
    valueName: 'URL',
    description: 'Open-Meteo geocoding host (place search)',
  }),
  archiveUrl: option({
    flag: 'archive-url',
    env: ['OPEN_METEO_ARCHIVE_URL'],
    schema: httpUrl('archive-url'),
    default: 'https://archive-api.open-meteo.com',
    valueName: 'URL',
    description: 'Open-Meteo historical weather host',
  }),
  airQualityUrl: option({
    flag: 'air-quality-url',
    env: ['OPEN_METEO_AIR_QUALITY_URL'],
    schema: httpUrl('air-quality-url'),
    default: 'https://air-quality-api.open-meteo.com',
    valueName: 'URL',
    description: 'Open-Meteo air quality host',
  }),
  apiKey: option({
    flag: 'api-key',
    env: ['OPEN_METEO_API_KEY'],
    schema: z.string().min(1, 'expected a non-empty key').optional(),
    secret: true,
    valueName: 'KEY',
    description: "key for Open-Meteo's commercial hosts, sent as the apikey query parameter",
  }),
  redis: option({
    flag: 'redis',
    env: ['CONDUIT_REDIS_URL'],
    schema: z
      .string()
      .regex(/^rediss?:\/\//i, 'expected a redis:// or rediss:// URL')
      .optional(),
    secret: 'url',
    valueName: 'URL',
    description: 'Redis URL for a response cache shared between instances; in memory without it',
  }),
  timeoutMs: option({
    flag: 'timeout-ms',
    env: ['OPEN_METEO_TIMEOUT_MS'],
    schema: z.coerce
      .number({ message: 'expected a number of milliseconds' })
      .int('expected a whole number')
      .min(100, 'expected at least 100')
      .max(120_000, 'expected at most 120000'),
    default: 10_000,
    valueName: 'MS',
    description: 'time budget for one Open-Meteo request including retries, in milliseconds',
  }),
};
