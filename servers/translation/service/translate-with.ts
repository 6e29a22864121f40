import { ToolError } from '../../../shared/errors.ts';
import { tryParseLanguageTag, type LanguageTag } from '../languages/tags.ts';
import type {
  Formality,
  ProviderName,
  ProviderTranslation,
  TextFormat,
  TranslationProvider,
} from '../providers/types.ts';
import { checkHtmlTags } from '../text/html.ts';
import { batchUnits, type Unit } from './batches.ts';
import { detectSource, offlineScore, type DetectedLanguage } from './detection.ts';
import { assembleText, piecesToTranslate, planText, type TextPlan } from './plan.ts';

export interface TranslationJob {
  texts: string[];
  source: LanguageTag | undefined;
  target: LanguageTag;
  format: TextFormat;
  formality?: Formality;
  glossaryId?: string;
}

export interface TextOutcome {
  translation: string;
  /** Set when no source language was given. */
  detectedLanguage?: DetectedLanguage;
  /** The translation equals the input: often untranslatable text or a wrong source language. */
  unchanged: boolean;
  /** Requests pieces the text was cut into. */
  pieces: number;
  /** Tags the provider dropped, added or unbalanced (HTML only). */
  htmlProblems: string[];
}

export interface ProviderOutcome {
  provider: ProviderName;
  targetCode: string;
  sourceCode?: string;
  notes: string[];
  texts: TextOutcome[];
}

export interface JobContext {
  signal: AbortSignal;
  progress(done: number, total: number, message: string): Promise<void>;
}

interface TextWork {
  text: string;
  source: string | undefined;
  sourceTag: LanguageTag | undefined;
  detected: DetectedLanguage | undefined;
  plan: TextPlan;
  /** The source is already the target language, so the text is returned as is. */
  passThrough: boolean;
}

function sameLanguage(left: LanguageTag | undefined, right: LanguageTag): boolean {
  return (
    left !== undefined &&
    left.language === right.language &&
    left.likelyScript === right.likelyScript
  );
}

function hasLetters(text: string): boolean {
  return /\p{L}/u.test(text);
}

interface RequestOptions {
  formality?: Formality;
  glossaryId?: string;
}

/** Keeps the options the provider takes for this target and notes the ones left out. */
function requestOptions(
  provider: TranslationProvider,
  job: TranslationJob,
  targetCode: string,
  notes: string[],
): RequestOptions {
  const options: RequestOptions = {};
  if (job.formality) {
    if (provider.supportsFormality(targetCode)) options.formality = job.formality;
    else
      notes.push(`${provider.name} takes no formality setting for ${targetCode}; it was left out.`);
  }
  if (job.glossaryId) {
    if (provider.features.glossary) options.glossaryId = job.glossaryId;
    else notes.push(`${provider.name} has no glossaries; the glossary was left out.`);
  }
  return options;
}

/**
 * Finds each text's source code and cuts the text into pieces. Providers
 * without detection of their own get a source detected offline, text by text.
 */
async function prepareTexts(
  provider: TranslationProvider,
  job: TranslationJob,
  sourceCode: string | undefined,
  signal: AbortSignal,
): Promise<TextWork[]> {
  const work: TextWork[] = [];
  for (const [index, text] of job.texts.entries()) {
    let source = sourceCode;
    let sourceTag = job.source;
    let detected: DetectedLanguage | undefined;
    if (!job.source && !provider.features.autoDetect && hasLetters(text)) {
      const found = await detectSource(text, job.format, index);
      sourceTag = found.tag;
      detected = found.detected;
      source = (await provider.sourceCode(found.tag, signal)).code;
    }

    const plan = planText(text, {
      format: job.format,
      providerHandlesHtml: provider.features.html,
      limits: provider.limits,
      locale: sourceTag?.tag,
    });
    const passThrough = sameLanguage(sourceTag, job.target) || !hasLetters(text);
    work.push({ text, source, sourceTag, detected, plan, passThrough });
  }
  return work;
}

/** Sends the units in batches, in order, with a progress notification after each request. */
async function sendBatches(
  provider: TranslationProvider,
  units: readonly Unit[],
  request: { target: string; format: TextFormat } & RequestOptions,
  context: JobContext,
): Promise<Map<Unit, ProviderTranslation>> {
  const batches = batchUnits(units, provider.limits);
  const translations = new Map<Unit, ProviderTranslation>();

  for (const [index, batch] of batches.entries()) {
    const results = await provider.translate({
      ...request,
      texts: batch.map((unit) => unit.text),
      source: batch[0]?.source,
      signal: context.signal,
    });
    if (results.length !== batch.length) {
      throw new ToolError(
        'UPSTREAM_ERROR',
        `${provider.name} returned ${results.length} translations for ${batch.length} texts.`,
        { hint: 'Retry, or list another provider in --provider.' },
      );
    }
    batch.forEach((unit, position) =>
      translations.set(unit, results[position] as ProviderTranslation),
    );

    const done = index + 1;
    await context.progress(
      done,
      batches.length,
      `${provider.name}: request ${done} of ${batches.length}`,
    );
  }
  return translations;
}

/** Finds the detected source of a text: offline for some providers, from the provider for the others. */
async function detectedLanguageOf(
  provider: TranslationProvider,
  job: TranslationJob,
  item: TextWork,
  results: readonly ProviderTranslation[],
): Promise<DetectedLanguage | undefined> {
  if (job.source || item.detected) return item.detected;

  const reported = results.find((result) => result.detectedLanguage);
  if (!reported?.detectedLanguage) return undefined;
  const code = provider.tagOf(reported.detectedLanguage);
  const language = tryParseLanguageTag(code)?.tag ?? code;
  const confidence =
    reported.detectedConfidence ?? (await offlineScore(item.text, job.format, language));
  return { language, confidence, detector: provider.name };
}

/** Translates every text of a job with one provider, cutting and batching under its limits. */
export async function translateWith(
  provider: TranslationProvider,
  job: TranslationJob,
  context: JobContext,
): Promise<ProviderOutcome> {
  const notes: string[] = [];
  const target = await provider.targetCode(job.target, context.signal);
  if (target.note) notes.push(target.note);

  const source = job.source ? await provider.sourceCode(job.source, context.signal) : undefined;
  if (source?.note) notes.push(source.note);

  const options = requestOptions(provider, job, target.code, notes);
  const work = await prepareTexts(provider, job, source?.code, context.signal);

  const units: Unit[] = work.flatMap((item, textIndex) => {
    if (item.passThrough) return [];
    return piecesToTranslate(item.plan).map((piece) => ({
      text: piece.core,
      source: item.source,
      textIndex,
    }));
  });
  const request = { target: target.code, format: job.format, ...options };
  const translations = await sendBatches(provider, units, request, context);

  const texts: TextOutcome[] = [];
  for (const [textIndex, item] of work.entries()) {
    const results = units
      .filter((unit) => unit.textIndex === textIndex)
      .map((unit) => translations.get(unit) ?? { text: '' });
    const translation = item.passThrough
      ? item.text
      : assembleText(
          item.plan,
          results.map((result) => result.text),
          job.target.language,
        );

    const outcome: TextOutcome = {
      translation,
      unchanged: hasLetters(item.text) && translation.trim() === item.text.trim(),
      pieces: results.length,
      htmlProblems: job.format === 'html' ? checkHtmlTags(item.text, translation) : [],
    };
    const detected = await detectedLanguageOf(provider, job, item, results);
    if (detected) outcome.detectedLanguage = detected;
    texts.push(outcome);
  }

  if (work.some((item) => item.passThrough && hasLetters(item.text))) {
    notes.push(`Text already in ${job.target.tag} was returned as it is.`);
  }

  const outcome: ProviderOutcome = {
    provider: provider.name,
    targetCode: target.code,
    notes,
    texts,
  };
  if (source) outcome.sourceCode = source.code;
  return outcome;
}
