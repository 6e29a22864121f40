/** Sentence pairs the stand-in providers translate; anything else comes back unchanged. */
export const PHRASES: Record<string, Record<string, string>> = {
  'en|zh': {
    'Hello, world.': '你好，世界。',
    'The weather is nice today.': '今天天气很好。',
    "Let's go to the park!": '我们去公园吧！',
    'Good morning': '早上好',
  },
  'en|es': {
    'Hello, world.': 'Hola, mundo.',
    'Good morning': 'Buenos días',
  },
  'en|pt': { 'Good morning': 'Bom dia' },
  'en|de': { 'Good morning': 'Guten Morgen' },
};

for (const [pair, table] of Object.entries({ ...PHRASES })) {
  const [from, to] = pair.split('|');
  const reverse: Record<string, string> = {};
  for (const [source, target] of Object.entries(table)) reverse[target] = source;
  PHRASES[`${to}|${from}`] = reverse;
}

/** Language of the primary subtag, as the stand-ins compare them: `zh-Hans` and `ZH-HANT` are `zh`. */
export function primary(code: string): string {
  return code.toLowerCase().split(/[-_]/)[0] ?? code;
}

/** Guesses the language of a text the way a stand-in would: Han characters mean Chinese. */
export function guessLanguage(text: string): string {
  if (/\p{Script=Han}/u.test(text)) return 'zh';
  if (/[áéíóúñ¡¿]/i.test(text)) return 'es';
  return 'en';
}

/** Replaces every known phrase of the pair, longest first, and leaves the rest. */
export function translatePhrases(text: string, source: string, target: string): string {
  const table = PHRASES[`${primary(source)}|${primary(target)}`] ?? {};
  const phrases = Object.keys(table).sort((left, right) => right.length - left.length);
  let result = text;
  for (const phrase of phrases) result = result.replaceAll(phrase, table[phrase] ?? phrase);

  // Like a real service, write sentences the way the target language spaces them.
  if (primary(target) === 'zh') return result.replace(/([。！？])[ \t]+/g, '$1');
  return result.replace(/([.!?])(?=\p{L})/gu, '$1 ');
}
