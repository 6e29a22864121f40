import { ToolError } from '../../../shared/errors.ts';
import { detectOffline } from '../detect/offline.ts';
import { parseLanguageTag, type LanguageTag } from '../languages/tags.ts';
import type { TextFormat } from '../providers/types.ts';
import { decodeEntities } from '../text/entities.ts';
import { tokenizeHtml } from '../text/html.ts';

/** The source language found for one text, and by what. */
export interface DetectedLanguage {
  language: string;
  /** Between 0 and 1; null when the detector gives no score. */
  confidence: number | null;
  detector: string;
}

/** Returns the prose of a text: for HTML, the text between tags with entities decoded. */
export function proseOf(text: string, format: TextFormat): string {
  if (format === 'text') return text;
  const prose = tokenizeHtml(text)
    .filter((token) => token.kind === 'text')
    .map((token) => token.value)
    .join(' ');
  return decodeEntities(prose);
}

/**
 * Detects the language of one text offline, for providers that need a source language.
 * NOTE: ELD names Chinese `zh` without a script, so Traditional Chinese text
 * sent without a source goes to MyMemory as zh-CN.
 */
export async function detectSource(
  text: string,
  format: TextFormat,
  index: number,
): Promise<{ tag: LanguageTag; detected: DetectedLanguage }> {
  const detection = await detectOffline(proseOf(text, format), 1);
  const best = detection.candidates[0];
  if (!best) {
    throw new ToolError(
      'INVALID_ARGUMENT',
      `The language of text ${index + 1} could not be detected.`,
      {
        hint: 'Pass the source language, such as source: "en" or source: "zh".',
      },
    );
  }
  return {
    tag: parseLanguageTag(best.language),
    detected: { language: best.language, confidence: best.score, detector: detection.detector },
  };
}

/** Returns the offline score of one language for a text, to go with a provider's detection that has none. */
export async function offlineScore(
  text: string,
  format: TextFormat,
  language: string,
): Promise<number | null> {
  const detection = await detectOffline(proseOf(text, format), 10);
  const primary = language.split('-')[0];
  const match = detection.candidates.find(
    (candidate) => candidate.language.split('-')[0] === primary,
  );
  return match?.score ?? null;
}
