import { z } from 'zod';
import { ToolError } from '../../../shared/errors.ts';
import { defineTool } from '../../../shared/tools.ts';
import type { TranslationDeps } from '../deps.ts';
import { parseLanguageTag } from '../languages/tags.ts';
import { runChain } from '../service/chain.ts';
import { translateWith, type ProviderOutcome } from '../service/translate-with.ts';
import { countCharacters } from '../text/measure.ts';
import { detectedLanguageSchema, fallbackSchema, READ_ONLY_REMOTE } from './schemas.ts';

const MAX_TEXT_LENGTH = 100_000;
const MAX_TOTAL_LENGTH = 200_000;
const MAX_TEXTS = 100;

const input = z.object({
  text: z
    .union([
      z.string().max(MAX_TEXT_LENGTH),
      z.array(z.string().max(MAX_TEXT_LENGTH)).min(1).max(MAX_TEXTS),
    ])
    .describe('one text, or a list of texts translated together'),
  target: z
    .string()
    .min(1)
    .max(64)
    .describe('BCP 47 tag of the target language: en, en-GB, zh-Hans, zh-TW, pt-BR, ja'),
  source: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe('BCP 47 tag of the source language; detected when left out or "auto"'),
  format: z
    .enum(['text', 'html'])
    .default('text')
    .describe('html keeps tags and checks that they stay balanced'),
  formality: z
    .enum(['more', 'less', 'prefer_more', 'prefer_less'])
    .optional()
    .describe('DeepL only, for targets that support it'),
  glossaryId: z.string().min(1).max(100).optional().describe('DeepL glossary id; needs source'),
});

const output = z.object({
  provider: z.string().describe('the provider that produced the translations'),
  target: z.string().describe('requested target tag'),
  targetCode: z.string().describe('code sent to the provider'),
  source: z.string().optional(),
  sourceCode: z.string().optional(),
  translations: z.array(
    z.object({
      translation: z.string(),
      detectedLanguage: detectedLanguageSchema.optional(),
      unchanged: z.boolean().describe('the translation equals the input'),
      pieces: z.number().int().describe('pieces the text was split into'),
      htmlProblems: z.array(z.string()),
    }),
  ),
  notes: z.array(z.string()),
  fallbacks: z.array(fallbackSchema).describe('providers tried before the one that answered'),
});

function summarize(
  outcome: ProviderOutcome,
  fallbacks: { provider: string; code: string }[],
): string {
  const lines: string[] = [];
  const many = outcome.texts.length > 1;
  outcome.texts.forEach((text, index) => {
    lines.push(many ? `${index + 1}. ${text.translation}` : text.translation);
    if (text.detectedLanguage) {
      const { language, confidence } = text.detectedLanguage;
      lines.push(
        `   (detected ${language}${confidence === null ? '' : `, confidence ${confidence.toFixed(2)}`})`,
      );
    }
    if (text.unchanged) lines.push('   (the translation is identical to the input)');
    for (const problem of text.htmlProblems) lines.push(`   (HTML: ${problem})`);
  });
  lines.push('', `Translated by ${outcome.provider} into ${outcome.targetCode}.`);
  if (fallbacks.length > 0) {
    lines.push(
      `Tried first: ${fallbacks.map((attempt) => `${attempt.provider} (${attempt.code})`).join(', ')}.`,
    );
  }
  lines.push(...outcome.notes);
  return lines.join('\n');
}

export const translateTool = defineTool<TranslationDeps, typeof input, typeof output>({
  name: 'translate',
  title: 'Translate text',
  description:
    'Translates one text or a list into a target language given as a BCP 47 tag. The source language is detected when left out. ' +
    'Long texts are split at sentence boundaries and joined back; format "html" keeps tags. ' +
    'With a fallback chain, the result names the provider that answered.',
  input,
  output,
  annotations: READ_ONLY_REMOTE,
  async handler(args, call) {
    const texts = typeof args.text === 'string' ? [args.text] : args.text;
    const total = texts.reduce((sum, text) => sum + countCharacters(text), 0);
    if (total > MAX_TOTAL_LENGTH) {
      throw new ToolError(
        'TOO_LARGE',
        `The texts have ${total} characters; the limit is ${MAX_TOTAL_LENGTH} per call.`,
        {
          hint: 'Split the texts over several calls.',
        },
      );
    }
    // Providers spell detection "auto", so models often send it.
    const source = args.source?.toLowerCase() === 'auto' ? undefined : args.source;
    if (args.glossaryId && !source) {
      throw new ToolError(
        'INVALID_ARGUMENT',
        `Glossary "${args.glossaryId}" needs a source language.`,
        {
          hint: 'Pass source with the language the glossary was made for.',
        },
      );
    }

    const job = {
      texts,
      source: source === undefined ? undefined : parseLanguageTag(source),
      target: parseLanguageTag(args.target),
      format: args.format,
      ...(args.formality ? { formality: args.formality } : {}),
      ...(args.glossaryId ? { glossaryId: args.glossaryId } : {}),
    };

    const { result, fallbacks } = await runChain(call.deps.slots, call.logger, (provider) =>
      translateWith(provider, job, { signal: call.signal, progress: call.progress }),
    );

    const structured: z.output<typeof output> = {
      provider: result.provider,
      target: job.target.tag,
      targetCode: result.targetCode,
      translations: result.texts,
      notes: result.notes,
      fallbacks,
    };
    if (job.source) structured.source = job.source.tag;
    if (result.sourceCode) structured.sourceCode = result.sourceCode;
    return { structured, text: summarize(result, fallbacks) };
  },
});
