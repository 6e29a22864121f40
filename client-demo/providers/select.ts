import { PRESETS, PROVIDER_ALIASES, type ProviderPreset } from './presets.ts';
import type { ModelProvider } from './types.ts';

/** A model setting that cannot be used. The message names what to set. */
export class ModelConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelConfigError';
  }
}

export interface ModelChoice {
  provider: string;
  preset: ProviderPreset;
  model: string;
  apiKey: string;
  baseUrl?: string | undefined;
  acceptsImages: boolean;
}

export interface ModelOverrides {
  /** `--base-url`, which beats the provider's variables. */
  baseUrl?: string | undefined;
  /** `--images on|off`. */
  acceptsImages?: boolean | undefined;
}

/** Endpoint a model's requests go to, and the settings that change it. */
export interface ModelEndpoint {
  /** The base URL without any user name or password in it. */
  baseUrl: string;
  /** `--base-url` and the variables the provider reads, in the order they win. */
  settings: string[];
}

/** The SDKs' own base URLs, used when no setting names one (openai 6.x, @anthropic-ai/sdk 1.x). */
const SDK_BASE_URLS: Record<ProviderPreset['api'], string> = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
};

/** Placeholder key for local servers, which ignore it but the SDKs require one. */
const LOCAL_KEY = 'not-needed';

const DEFAULT_ANTHROPIC_MAX_TOKENS = 4096;

function firstSet(env: NodeJS.ProcessEnv, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

/** OLLAMA_HOST is `host:port` or a URL without the `/v1` of the compatible API. */
function ollamaHostUrl(env: NodeJS.ProcessEnv): string | undefined {
  const host = env.OLLAMA_HOST?.trim();
  if (!host) return undefined;
  const withScheme = /^https?:\/\//.test(host) ? host : `http://${host}`;
  return `${withScheme.replace(/\/+$/, '')}/v1`;
}

export function knownProviders(): string[] {
  return Object.keys(PRESETS);
}

/**
 * Reads `provider:model` (from `--model` or CONDUIT_MODEL) with the key and
 * base URL from the provider's usual variables. Returns undefined when no
 * model is named and no provider key is set.
 */
export function chooseModel(
  spec: string | undefined,
  env: NodeJS.ProcessEnv,
  overrides: ModelOverrides = {},
): ModelChoice | undefined {
  let text = spec?.trim() || env.CONDUIT_MODEL?.trim();
  if (!text) {
    if (env.OPENAI_API_KEY?.trim()) text = 'openai';
    else if (env.ANTHROPIC_API_KEY?.trim()) text = 'anthropic';
    else return undefined;
  }

  const colon = text.indexOf(':');
  const rawProvider = (colon === -1 ? text : text.slice(0, colon)).toLowerCase();
  const provider = PROVIDER_ALIASES[rawProvider] ?? rawProvider;
  const preset = PRESETS[provider];
  if (!preset) {
    throw new ModelConfigError(
      `Unknown model provider "${rawProvider}" in "${text}". ` +
        `Use one of: ${knownProviders().join(', ')} (for example --model ollama:qwen2.5).`,
    );
  }

  const model = (colon === -1 ? '' : text.slice(colon + 1).trim()) || preset.defaultModel;
  if (!model) {
    throw new ModelConfigError(
      `"${text}" names no model, and ${provider} has no default. ` +
        `Name one, as in --model ${provider}:MODEL.`,
    );
  }

  const baseUrl =
    overrides.baseUrl ??
    firstSet(env, preset.baseUrlVariables) ??
    (provider === 'ollama' ? ollamaHostUrl(env) : undefined) ??
    preset.defaultBaseUrl;

  // A compatible server at a custom address usually needs no key.
  const keyOptional = preset.keyOptional || (provider === 'openai' && baseUrl !== undefined);
  const apiKey = firstSet(env, preset.keyVariables) ?? (keyOptional ? LOCAL_KEY : undefined);
  if (apiKey === undefined) {
    throw new ModelConfigError(
      `${provider} needs an API key: set ${preset.keyVariables.join(' or ')}` +
        (provider === 'openai' ? ', or OPENAI_BASE_URL for a local compatible server.' : '.'),
    );
  }

  return {
    provider,
    preset,
    model,
    apiKey,
    baseUrl,
    acceptsImages: overrides.acceptsImages ?? preset.acceptsImages,
  };
}

function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username === '' && parsed.password === '') return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

/** Describes where `choice` sends its requests, for messages about a failed request. */
export function modelEndpoint(choice: ModelChoice): ModelEndpoint {
  const variables = [...choice.preset.baseUrlVariables];
  if (choice.provider === 'ollama') variables.push('OLLAMA_HOST');
  return {
    baseUrl: withoutCredentials(choice.baseUrl ?? SDK_BASE_URLS[choice.preset.api]),
    settings: ['--base-url', ...variables],
  };
}

/** Builds the provider object; the SDK itself is imported on the first request. */
export async function createProvider(choice: ModelChoice): Promise<ModelProvider> {
  const label = `${choice.provider}:${choice.model}`;
  if (choice.preset.api === 'anthropic') {
    const { AnthropicProvider } = await import('./anthropic.ts');
    return new AnthropicProvider({
      label,
      model: choice.model,
      apiKey: choice.apiKey,
      baseURL: choice.baseUrl,
      maxTokens: DEFAULT_ANTHROPIC_MAX_TOKENS,
      acceptsImages: choice.acceptsImages,
    });
  }
  const { OpenAiProvider } = await import('./openai.ts');
  return new OpenAiProvider({
    label,
    model: choice.model,
    apiKey: choice.apiKey,
    baseURL: choice.baseUrl,
    acceptsImages: choice.acceptsImages,
  });
}
