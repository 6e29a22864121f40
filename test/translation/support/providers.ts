import {
  startStandIn,
  type ReceivedRequest,
  type StandIn,
  type StandInReply,
} from '../../support/stand-in.ts';
import { guessLanguage, primary, translatePhrases } from './phrases.ts';

export const DEEPL_TEST_KEY = 'test-key-0000:fx';

/** Flags that start a translation server on DeepL alone, aimed at a stand-in. */
export function deeplOnlyFlags(url: string): string[] {
  return ['--provider', 'deepl', '--deepl-api-key', DEEPL_TEST_KEY, '--deepl-url', url];
}

/** A failure a stand-in is set to return instead of translating. */
export type FailureMode = 'none' | 'rate-limit' | 'quota' | 'down';

export interface ProviderStandIn {
  standIn: StandIn;
  url: string;
  fail: FailureMode;
  close(): Promise<void>;
}

function wrap(start: (state: { fail: FailureMode }) => Promise<StandIn>): Promise<ProviderStandIn> {
  const state: { fail: FailureMode } = { fail: 'none' };
  return start(state).then((standIn) => ({
    standIn,
    url: standIn.url,
    get fail() {
      return state.fail;
    },
    set fail(mode: FailureMode) {
      state.fail = mode;
    },
    close: () => standIn.close(),
  }));
}

function readJson(request: ReceivedRequest): Record<string, unknown> {
  return JSON.parse(request.body || '{}') as Record<string, unknown>;
}

const DEEPL_TARGETS = [
  { language: 'DE', name: 'German', supports_formality: true },
  { language: 'EN-GB', name: 'English (British)', supports_formality: false },
  { language: 'EN-US', name: 'English (American)', supports_formality: false },
  { language: 'ES', name: 'Spanish', supports_formality: true },
  { language: 'PT-BR', name: 'Portuguese (Brazilian)', supports_formality: true },
  { language: 'PT-PT', name: 'Portuguese (European)', supports_formality: true },
  { language: 'ZH-HANS', name: 'Chinese (simplified)', supports_formality: false },
  { language: 'ZH-HANT', name: 'Chinese (traditional)', supports_formality: false },
];
const DEEPL_SOURCES = [
  { language: 'DE', name: 'German' },
  { language: 'EN', name: 'English' },
  { language: 'ES', name: 'Spanish' },
  { language: 'PT', name: 'Portuguese' },
  { language: 'ZH', name: 'Chinese' },
];

function deeplReply(request: ReceivedRequest, fail: FailureMode): StandInReply {
  if (request.headers.authorization !== `DeepL-Auth-Key ${DEEPL_TEST_KEY}`)
    return { status: 403, body: '' };
  if (fail === 'rate-limit') return { status: 429, body: { message: 'Too many requests' } };
  if (fail === 'quota') return { status: 456, body: { message: 'Quota exceeded' } };
  if (fail === 'down')
    return { status: 503, body: '<html><title>503 Service Unavailable</title></html>' };

  if (request.path === '/v2/languages') {
    return { body: request.query.get('type') === 'target' ? DEEPL_TARGETS : DEEPL_SOURCES };
  }
  if (request.path !== '/v2/translate' || request.method !== 'POST') {
    return { status: 404, body: { message: 'Not found' } };
  }
  if (request.body.length > 128 * 1024) {
    return {
      status: 413,
      body: '<html><head><title>413 Request Entity Too Large</title></head></html>',
    };
  }

  const body = readJson(request);
  const texts = body.text;
  if (!Array.isArray(texts) || texts.some((text) => typeof text !== 'string')) {
    return {
      status: 400,
      body: { message: "Invalid request: Expected 'text' parameter to be an array of strings" },
    };
  }
  const target = String(body.target_lang ?? '');
  if (!DEEPL_TARGETS.some((item) => item.language === target)) {
    return { status: 400, body: { message: "Value for 'target_lang' not supported." } };
  }
  return {
    body: {
      translations: (texts as string[]).map((text) => {
        const source =
          typeof body.source_lang === 'string' ? body.source_lang : guessLanguage(text);
        return {
          detected_source_language: source.toUpperCase(),
          text: translatePhrases(text, source, target),
        };
      }),
    },
  };
}

/**
 * Starts a DeepL API v2 stand-in on 127.0.0.1: /v2/translate and
 * /v2/languages, with its error shapes. `latencyMs` delays every reply.
 */
export function startDeeplStandIn(latencyMs = 0): Promise<ProviderStandIn> {
  return wrap((state) =>
    startStandIn(async (request) => {
      if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
      return deeplReply(request, state.fail);
    }),
  );
}

const LIBRE_LANGUAGES = ['en', 'es', 'zh-Hans', 'zh-Hant', 'pt', 'pt-BR'];
const LIBRE_NAMES: Record<string, string> = {
  en: 'English',
  es: 'Spanish',
  'zh-Hans': 'Chinese',
  'zh-Hant': 'Chinese (Traditional)',
  pt: 'Portuguese',
  'pt-BR': 'Portuguese (Brazil)',
};

function libreReply(
  request: ReceivedRequest,
  fail: FailureMode,
  apiKey: string | undefined,
): StandInReply {
  if (fail === 'rate-limit') return { status: 429, body: { error: 'Slowdown: 20 per 1 minute' } };
  if (fail === 'down') return { status: 502, body: '<html><title>502 Bad Gateway</title></html>' };

  if (request.path === '/languages') {
    return {
      body: LIBRE_LANGUAGES.map((code) => ({
        code,
        name: LIBRE_NAMES[code],
        targets: LIBRE_LANGUAGES.filter((other) => other !== code),
      })),
    };
  }

  const body = readJson(request);
  if (apiKey !== undefined && body.api_key !== apiKey) {
    return { status: 400, body: { error: 'Please contact the server operator to get an API key' } };
  }

  if (request.path === '/detect') {
    const language = guessLanguage(String(body.q ?? ''));
    return { body: [{ language: language === 'zh' ? 'zh-Hans' : language, confidence: 92 }] };
  }
  if (request.path !== '/translate') return { status: 404, body: { error: 'Not Found' } };

  const q = body.q;
  const target = String(body.target ?? '');
  if (!LIBRE_LANGUAGES.includes(target))
    return { status: 400, body: { error: `${target} is not supported` } };
  const texts = Array.isArray(q) ? (q as string[]) : [String(q ?? '')];
  const sources = texts.map((text) =>
    body.source === 'auto' ? guessLanguage(text) : String(body.source),
  );
  const translated = texts.map((text, index) =>
    translatePhrases(text, sources[index] ?? 'en', target),
  );
  const detected = sources.map((language) => ({ language, confidence: 88 }));
  return {
    body: {
      translatedText: Array.isArray(q) ? translated : translated[0],
      ...(body.source === 'auto'
        ? { detectedLanguage: Array.isArray(q) ? detected : detected[0] }
        : {}),
    },
  };
}

/** Starts a LibreTranslate stand-in on 127.0.0.1: /translate, /detect and /languages, optionally with an API key. */
export function startLibreTranslateStandIn(apiKey?: string): Promise<ProviderStandIn> {
  return wrap((state) => startStandIn((request) => libreReply(request, state.fail, apiKey)));
}

function mymemoryBody(status: number | string, text: string, quotaFinished = false) {
  return {
    responseData: { translatedText: text, match: status === 200 ? 1 : 0 },
    quotaFinished,
    mtLangSupported: null,
    responseDetails: status === 200 ? '' : text,
    responseStatus: status,
    responderId: null,
    exception_code: null,
    matches: status === 200 ? [] : '',
  };
}

const MYMEMORY_LANGUAGES = new Set(['de', 'en', 'es', 'fr', 'it', 'ja', 'pt', 'zh']);

function mymemoryReply(request: ReceivedRequest, fail: FailureMode): StandInReply {
  if (fail === 'down') return { status: 503, body: '' };
  if (fail === 'quota' || fail === 'rate-limit') {
    const warning =
      'MYMEMORY WARNING: YOU USED ALL AVAILABLE FREE TRANSLATIONS FOR TODAY. NEXT AVAILABLE IN  10 HOURS';
    return { body: mymemoryBody(429, warning, true) };
  }
  if (request.path !== '/get') return { status: 404, body: '' };

  const q = request.query.get('q') ?? '';
  const [source = '', target = ''] = (request.query.get('langpair') ?? '').split('|');
  if (Buffer.byteLength(q, 'utf8') > 500) {
    return {
      body: mymemoryBody('403', 'QUERY LENGTH LIMIT EXCEEDED. MAX ALLOWED QUERY : 500 CHARS'),
    };
  }
  if (!MYMEMORY_LANGUAGES.has(primary(target))) {
    return {
      body: mymemoryBody(
        '403',
        `'${target.toUpperCase()}' IS AN INVALID TARGET LANGUAGE . EXAMPLE: LANGPAIR=EN|IT`,
      ),
    };
  }
  if (source === target)
    return { body: mymemoryBody('403', 'PLEASE SELECT TWO DISTINCT LANGUAGES') };
  const translated = translatePhrases(q, source, target).replaceAll("'", '&#39;');
  return { body: mymemoryBody(200, translated) };
}

/** MyMemory's /get on 127.0.0.1, reporting errors inside HTTP 200 bodies as the real API does. */
export function startMymemoryStandIn(): Promise<ProviderStandIn> {
  return wrap((state) => startStandIn((request) => mymemoryReply(request, state.fail)));
}
