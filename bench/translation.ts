import { pathToFileURL } from 'node:url';
import { connectTranslation } from '../test/translation/support/connect.ts';
import { deeplOnlyFlags, startDeeplStandIn } from '../test/translation/support/providers.ts';
import type { BenchSection } from './types.ts';

const TEXTS = 40;
const ROUNDS = 5;
/** Delay the stand-in adds to every reply, standing for the round trip to the real API. */
const UPSTREAM_LATENCY_MS = 40;

/** Runs `call` ROUNDS times and returns the median duration in milliseconds, to 0.1 ms. */
async function median(call: (round: number) => Promise<void>): Promise<number> {
  const durations: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = performance.now();
    await call(round);
    durations.push(performance.now() - started);
  }
  durations.sort((left, right) => left - right);
  return Math.round((durations[Math.floor(ROUNDS / 2)] ?? 0) * 10) / 10;
}

/**
 * Measures translate through a real MCP client (in memory) against a DeepL
 * stand-in: a list of texts in one call against one call per text, and a
 * cached call against an uncached one.
 */
export default async function translationBenchmark(): Promise<BenchSection> {
  const deepl = await startDeeplStandIn(UPSTREAM_LATENCY_MS);
  const connected = await connectTranslation(deeplOnlyFlags(deepl.url));

  try {
    const translate = async (text: string | string[]) => {
      const result = await connected.client.callTool({
        name: 'translate',
        arguments: { text, source: 'en', target: 'zh' },
      });
      if (result.isError) throw new Error(`benchmark call failed: ${JSON.stringify(result)}`);
    };
    // Every round uses texts of its own, so nothing comes from the cache.
    const texts = (label: string, round: number) =>
      Array.from({ length: TEXTS }, (_, index) => `Good morning ${label} ${round} ${index}.`);

    await translate('Warm-up call.');
    const before = deepl.standIn.hits('/v2/translate');
    const oneCall = await median((round) => translate(texts('list', round)));
    const requestsPerList = (deepl.standIn.hits('/v2/translate') - before) / ROUNDS;
    const callPerText = await median(async (round) => {
      for (const text of texts('single', round)) await translate(text);
    });

    const uncached = await median((round) => translate(`Hello, world ${round}.`));
    await translate('Hello, cached world.');
    const cached = await median(() => translate('Hello, cached world.'));

    return {
      title: 'Translation server: batching and cache',
      command: 'node --import tsx bench/translation.ts',
      figures: [
        {
          name: `translate ${TEXTS} sentences as one list`,
          value: oneCall,
          unit: 'ms',
          baseline: { name: `${TEXTS} calls of one sentence each`, value: callPerText },
        },
        {
          name: `DeepL requests for a list of ${TEXTS} sentences`,
          value: requestsPerList,
          unit: 'requests',
          baseline: { name: 'sentences', value: TEXTS },
        },
        {
          name: 'translate one sentence, cached',
          value: cached,
          unit: 'ms',
          baseline: { name: 'uncached', value: uncached },
        },
      ],
      notes: [
        `The DeepL stand-in on 127.0.0.1 adds ${UPSTREAM_LATENCY_MS} ms to every reply; ` +
          'real round trips vary with the network, so the ratios are what carry over.',
        `Each figure is the median of ${ROUNDS} rounds, measured in one process with an in-memory MCP client.`,
      ],
    };
  } finally {
    await connected.close();
    await deepl.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const section = await translationBenchmark();
  console.log(JSON.stringify(section, null, 2));
}
