import { z } from 'zod';
import { option } from '../../shared/config/options.ts';
import { PROVIDER_NAMES, type ProviderName } from './providers/types.ts';

const providerList = z
  .string()
  .transform((text) =>
    text
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean),
  )
  .refine((names) => names.length > 0, 'expected at least one provider')
  .refine(
    (names) => names.every((name) => (PROVIDER_NAMES as readonly string[]).includes(name)),
    `expected a comma-separated list of ${PROVIDER_NAMES.join(', ')}`,
  )
  .transform((names) => [...new Set(names)] as ProviderName[]);

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http or https URL' });

export const translationOptions = {
  provider: option({
    flag: 'provider',
    env: ['CONDUIT_TRANSLATION_PROVIDER'],
    schema: providerList,
    default: 'mymemory',
    valueName: 'LIST',
    description:
      'the provider (mymemory, libretranslate or deepl), or a comma-separated fallback chain tried in order',
  }),
  libretranslateUrl: option({
    flag: 'libretranslate-url',
    env: ['LIBRETRANSLATE_URL'],
    schema: httpUrl.optional(),
    secret: 'url',
    valueName: 'URL',
    description: 'base URL of the LibreTranslate server; LibreTranslate is unavailable without it',
  }),
  libretranslateApiKey: option({
    flag: 'libretranslate-api-key',
    env: ['LIBRETRANSLATE_API_KEY'],
    schema: z.string().min(1).optional(),
    secret: true,
    valueName: 'KEY',
    description: 'API key for LibreTranslate servers that require one',
  }),
  deeplApiKey: option({
    flag: 'deepl-api-key',
    env: ['DEEPL_API_KEY'],
    schema: z.string().min(1).optional(),
    secret: true,
    valueName: 'KEY',
    description:
      'DeepL API key; keys ending in ":fx" use the free host api-free.deepl.com, others api.deepl.com',
  }),
  deeplUrl: option({
    flag: 'deepl-url',
    env: ['DEEPL_URL'],
    schema: httpUrl.optional(),
    valueName: 'URL',
    description: 'base URL of the DeepL API, replacing the host chosen from the key',
  }),
  mymemoryUrl: option({
    flag: 'mymemory-url',
    env: ['MYMEMORY_URL'],
    schema: httpUrl,
    default: 'https://api.mymemory.translated.net',
    valueName: 'URL',
    description: 'base URL of the MyMemory API',
  }),
  mymemoryEmail: option({
    flag: 'mymemory-email',
    env: ['MYMEMORY_EMAIL'],
    schema: z.email().optional(),
    secret: true,
    valueName: 'EMAIL',
    description: 'email address sent to MyMemory, which grants a larger daily quota',
  }),
  redis: option({
    flag: 'redis',
    env: ['CONDUIT_REDIS_URL'],
    schema: z
      .url({ protocol: /^rediss?$/, error: 'expected a redis:// or rediss:// URL' })
      .optional(),
    secret: 'url',
    valueName: 'URL',
    description: 'Redis URL for a translation cache shared between instances; in memory without it',
  }),
  timeoutMs: option({
    flag: 'timeout-ms',
    env: ['TRANSLATION_TIMEOUT_MS'],
    schema: z.coerce.number().int().min(100).max(300_000),
    default: 15_000,
    valueName: 'N',
    description: 'time allowed for one provider request, retries included, in milliseconds',
  }),
};
