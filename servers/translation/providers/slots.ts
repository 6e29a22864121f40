import type { OptionValues } from '../../../shared/config/options.ts';
import { createHttpClient, type HttpClient } from '../../../shared/http/index.ts';
import type { Logger } from '../../../shared/logging.ts';
import type { translationOptions } from '../options.ts';
import type { ProviderSlot } from '../service/chain.ts';
import { createDeeplProvider, deeplBaseUrl } from './deepl/client.ts';
import { createLibreTranslateProvider } from './libretranslate/client.ts';
import { createMymemoryProvider } from './mymemory/client.ts';
import type { ProviderName, TranslationProvider } from './types.ts';

export type TranslationSettings = OptionValues<typeof translationOptions>;

const UPSTREAM_NAMES: Record<ProviderName, string> = {
  deepl: 'DeepL',
  libretranslate: 'LibreTranslate',
  mymemory: 'MyMemory',
};

/** The providers of --provider in order, with their HTTP clients, created on first use. */
export class ProviderSlots {
  readonly slots: ProviderSlot[];
  readonly #clients: HttpClient[] = [];
  readonly #settings: TranslationSettings;
  readonly #logger: Logger;

  constructor(settings: TranslationSettings, logger: Logger) {
    this.#settings = settings;
    this.#logger = logger;
    this.slots = settings.provider.map((name) => this.#slot(name));
  }

  async close(): Promise<void> {
    await Promise.all(this.#clients.map((client) => client.close()));
  }

  #http(name: ProviderName, secrets: (string | undefined)[]): HttpClient {
    const client = createHttpClient({
      upstream: UPSTREAM_NAMES[name],
      logger: this.#logger,
      timeoutMs: this.#settings.timeoutMs,
      cache: {
        namespace: `translation:${name}`,
        ...(this.#settings.redis ? { redisUrl: this.#settings.redis } : {}),
      },
      headers: { 'User-Agent': 'conduit-mcp' },
      secrets,
    });
    this.#clients.push(client);
    return client;
  }

  #slot(name: ProviderName): ProviderSlot {
    const settings = this.#settings;
    let provider: TranslationProvider | undefined;
    const once = (create: () => TranslationProvider) => () => (provider ??= create());

    switch (name) {
      case 'deepl': {
        const apiKey = settings.deeplApiKey;
        return {
          name,
          unavailable: apiKey
            ? undefined
            : 'DeepL needs an API key: pass --deepl-api-key or set DEEPL_API_KEY.',
          get: once(() =>
            createDeeplProvider({
              apiKey: apiKey ?? '',
              baseUrl: deeplBaseUrl(apiKey ?? '', settings.deeplUrl),
              http: this.#http(name, [apiKey]),
            }),
          ),
        };
      }
      case 'libretranslate': {
        const baseUrl = settings.libretranslateUrl;
        return {
          name,
          unavailable: baseUrl
            ? undefined
            : 'LibreTranslate needs the URL of a server: pass --libretranslate-url or set LIBRETRANSLATE_URL.',
          get: once(() =>
            createLibreTranslateProvider({
              baseUrl: baseUrl ?? '',
              apiKey: settings.libretranslateApiKey,
              http: this.#http(name, [settings.libretranslateApiKey]),
            }),
          ),
        };
      }
      case 'mymemory':
        return {
          name,
          unavailable: undefined,
          get: once(() =>
            createMymemoryProvider({
              baseUrl: settings.mymemoryUrl,
              email: settings.mymemoryEmail,
              http: this.#http(name, [settings.mymemoryEmail]),
            }),
          ),
        };
    }
  }
}
