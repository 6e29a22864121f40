import { z } from 'zod';
import { isToolError } from '../../../shared/errors.ts';
import { defineTool } from '../../../shared/tools.ts';
import type { TranslationDeps } from '../deps.ts';
import { detectOffline } from '../detect/offline.ts';
import { englishName } from '../languages/names.ts';
import { tryParseLanguageTag } from '../languages/tags.ts';
import { proseOf } from '../service/detection.ts';
import { READ_ONLY_REMOTE } from './schemas.ts';

const input = z.object({
  text: z.string().min(1).max(100_000),
  format: z
    .enum(['text', 'html'])
    .default('text')
    .describe('html leaves tags out of the detection'),
  useProvider: z
    .boolean()
    .default(true)
    .describe('also ask the configured provider when it has a detector (LibreTranslate)'),
});

const candidateSchema = z.object({
  language: z.string().describe('BCP 47 tag'),
  name: z.string().optional(),
  score: z.number().describe('between 0 and 1, higher is likelier'),
});

const output = z.object({
  language: z.string().nullable().describe('the likeliest language, or null when none was found'),
  reliable: z
    .boolean()
    .describe(
      'true when the offline result is reliable, or the provider and the offline detector agree',
    ),
  detector: z.string().describe('what chose `language`'),
  candidates: z.array(candidateSchema),
  offline: z.object({
    detector: z.string(),
    reliable: z.boolean(),
    candidates: z.array(candidateSchema),
  }),
  notes: z.array(z.string()),
});

type Candidate = z.output<typeof candidateSchema>;

function named(language: string, score: number): Candidate {
  const tag = tryParseLanguageTag(language)?.tag ?? language;
  const name = englishName(tag);
  return name ? { language: tag, name, score } : { language: tag, score };
}

function samePrimaryLanguage(left: Candidate | undefined, right: Candidate | undefined): boolean {
  if (!left || !right) return false;
  return left.language.split('-')[0] === right.language.split('-')[0];
}

export const detectLanguageTool = defineTool<TranslationDeps, typeof input, typeof output>({
  name: 'detect_language',
  title: 'Detect language',
  description:
    'Detects the language of a text and returns candidates with scores. Works offline (ELD, franc-min), ' +
    "and also uses the provider's detector when the configured provider has one.",
  input,
  output,
  annotations: READ_ONLY_REMOTE,
  async handler(args, call) {
    const prose = proseOf(args.text, args.format);
    const offline = await detectOffline(prose, 5);
    const offlineCandidates = offline.candidates.map((item) => named(item.language, item.score));
    const notes: string[] = [];

    let providerCandidates: Candidate[] | undefined;
    let providerName: string | undefined;
    const slot = call.deps.slots.find((item) => !item.unavailable && item.get().features.detect);
    if (args.useProvider && slot) {
      const provider = slot.get();
      try {
        const found = await provider.detect?.(prose, call.signal);
        providerCandidates = (found ?? []).map((item) =>
          named(provider.tagOf(item.language), item.score),
        );
        providerName = provider.name;
      } catch (error) {
        if (!isToolError(error)) throw error;
        call.logger.warn({ err: error, provider: provider.name }, 'provider detection failed');
        notes.push(
          `${provider.name} could not detect the language (${error.code}: ${error.message}); the offline result is used.`,
        );
      }
    }

    const useProvider = providerCandidates !== undefined && providerCandidates.length > 0;
    const candidates = useProvider ? (providerCandidates ?? []) : offlineCandidates;
    const top = candidates[0];
    const structured: z.output<typeof output> = {
      language: top?.language ?? null,
      reliable: offline.reliable || (useProvider && samePrimaryLanguage(top, offlineCandidates[0])),
      detector: useProvider ? (providerName ?? 'provider') : offline.detector,
      candidates,
      offline: {
        detector: offline.detector,
        reliable: offline.reliable,
        candidates: offlineCandidates,
      },
      notes,
    };
    if (!offline.reliable)
      notes.push('The offline result is uncertain; short texts are hard to place.');

    const text = top
      ? `${top.language}${top.name ? ` (${top.name})` : ''}, score ${top.score.toFixed(2)}, by ${structured.detector}.` +
        (candidates.length > 1
          ? ` Other candidates: ${candidates
              .slice(1)
              .map((item) => `${item.language} ${item.score.toFixed(2)}`)
              .join(', ')}.`
          : '')
      : 'No language was detected; the text may be too short or contain no words.';
    return { structured, text: [text, ...notes].join('\n') };
  },
});
