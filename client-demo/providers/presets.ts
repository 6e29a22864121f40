/** Connection settings for one provider name of `--model provider:name`. */
export interface ProviderPreset {
  api: 'openai' | 'anthropic';
  /** Variables read for the key, first one set wins. */
  keyVariables: string[];
  /** Variables read for the base URL, first one set wins. */
  baseUrlVariables: string[];
  defaultBaseUrl?: string;
  /** Used when `--model` names only the provider. */
  defaultModel?: string;
  /** A local server that ignores the key, so none is required. */
  keyOptional: boolean;
  acceptsImages: boolean;
}

/**
 * Providers reached through the OpenAI or Anthropic SDK. Base URLs are the
 * OpenAI-compatible endpoints each vendor documents; local servers listen on
 * their usual default ports.
 */
export const PRESETS: Record<string, ProviderPreset> = {
  openai: {
    api: 'openai',
    keyVariables: ['OPENAI_API_KEY'],
    baseUrlVariables: ['OPENAI_BASE_URL'],
    defaultModel: 'gpt-4.1-mini',
    keyOptional: false,
    acceptsImages: true,
  },
  anthropic: {
    api: 'anthropic',
    keyVariables: ['ANTHROPIC_API_KEY'],
    baseUrlVariables: ['ANTHROPIC_BASE_URL'],
    defaultModel: 'claude-sonnet-4-5',
    keyOptional: false,
    acceptsImages: true,
  },
  ollama: {
    api: 'openai',
    keyVariables: ['OLLAMA_API_KEY'],
    baseUrlVariables: ['OLLAMA_BASE_URL'],
    defaultBaseUrl: 'http://127.0.0.1:11434/v1',
    keyOptional: true,
    acceptsImages: false,
  },
  vllm: {
    api: 'openai',
    keyVariables: ['VLLM_API_KEY'],
    baseUrlVariables: ['VLLM_BASE_URL'],
    defaultBaseUrl: 'http://127.0.0.1:8000/v1',
    keyOptional: true,
    acceptsImages: false,
  },
  lmstudio: {
    api: 'openai',
    keyVariables: ['LMSTUDIO_API_KEY'],
    baseUrlVariables: ['LMSTUDIO_BASE_URL'],
    defaultBaseUrl: 'http://127.0.0.1:1234/v1',
    keyOptional: true,
    acceptsImages: false,
  },
  deepseek: {
    api: 'openai',
    keyVariables: ['DEEPSEEK_API_KEY'],
    baseUrlVariables: ['DEEPSEEK_BASE_URL'],
    defaultBaseUrl: 'https://api.deepseek.com/v1',
    defaultModel: 'deepseek-chat',
    keyOptional: false,
    acceptsImages: false,
  },
  qwen: {
    api: 'openai',
    keyVariables: ['DASHSCOPE_API_KEY', 'QWEN_API_KEY'],
    baseUrlVariables: ['DASHSCOPE_BASE_URL', 'QWEN_BASE_URL'],
    defaultBaseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
    defaultModel: 'qwen-plus',
    keyOptional: false,
    acceptsImages: false,
  },
};

export const PROVIDER_ALIASES: Record<string, string> = {
  dashscope: 'qwen',
  'lm-studio': 'lmstudio',
};
