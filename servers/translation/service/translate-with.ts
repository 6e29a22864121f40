import type { LanguageTag } from '../languages/tags.ts';
import { parseLanguageTag } from '../languages/tags.ts';
import type {
  Formality,
  ProviderName,
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

  const formality =
    job.formality && provider.supportsFormality(target.code) ? job.formality : undefined;
  if (job.formality && !formality)
    notes.push(`${provider.name} takes no formality setting for ${target.code}; it was left out.`);
  const glossaryId = job.glossaryId && provider.features.glossary ? job.glossaryId : undefined;
  if (job.glossaryId && !glossaryId)
    notes.push(`${provider.name} has no glossaries; the glossary was left out.`);

  const work: TextWork[] = [];
  for (const [index, text] of job.texts.entries()) {
    let sourceCode = source?.code;
    let sourceTag = job.source;
    let detected: DetectedLanguage | undefined;
    if (!job.source && !provider.features.autoDetect && hasLetters(text)) {
      const found = await detectSource(text, job.format, index);
      sourceTag = found.tag;
      detected = found.detected;
      sourceCode = (await provider.sourceCode(found.tag, context.signal)).code;
    }

    const plan = planText(text, {
      format: job.format,
      providerHandlesHtml: provider.features.html,
      limits: provider.limits,
      locale: sourceTag?.tag,
    });
    const passThrough = sameLanguage(sourceTag, job.target) || !hasLetters(text);
    work.push({ text, source: sourceCode, sourceTag, detected, plan, passThrough });
  }

  const units: Unit[] = work.flatMap((item, textIndex) =>
    item.passThrough
      ? []
      : piecesToTranslate(item.plan).map((piece) => ({
          text: piece.core,
          source: item.source,
          textIndex,
        })),
  );
  const batches = batchUnits(units, provider.limits);

  const translations = new Map<
    Unit,
    { text: string; detectedLanguage?: string; detectedConfidence?: number }
  >();
  for (const [index, batch] of batches.entries()) {
    const results = await provider.translate({
      texts: batch.map((unit) => unit.text),
      source: batch[0]?.source,
      target: target.code,
      format: job.format,
      ...(formality ? { formality } : {}),
      ...(glossaryId ? { glossaryId } : {}),
      signal: context.signal,
    });
    batch.forEach((unit, position) => translations.set(unit, results[position] ?? { text: '' }));
    await context.progress(
      index + 1,
      batches.length,
      `${provider.name}: request ${index + 1} of ${batches.length}`,
    );
  }

  const texts: TextOutcome[] = [];
  for (const [textIndex, item] of work.entries()) {
    const own = units.filter((unit) => unit.textIndex === textIndex);
    const results = own.map((unit) => translations.get(unit));
    const translation = item.passThrough
      ? item.text
      : assembleText(
          item.plan,
          results.map((result) => result?.text ?? ''),
          job.target.language,
        );

    let detected = item.detected;
    const reported = results.find((result) => result?.detectedLanguage);
    if (!job.source && !detected && reported?.detectedLanguage) {
      const language = parseLanguageTag(provider.tagOf(reported.detectedLanguage)).tag;
      const confidence =
        reported.detectedConfidence ?? (await offlineScore(item.text, job.format, language));
      detected = { language, confidence, detector: provider.name };
    }

    const outcome: TextOutcome = {
      translation,
      unchanged: hasLetters(item.text) && translation.trim() === item.text.trim(),
      pieces: own.length,
      htmlProblems: job.format === 'html' ? checkHtmlTags(item.text, translation) : [],
    };
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
