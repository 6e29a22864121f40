import { ToolError } from '../../../shared/errors.ts';
import type { Measure } from './measure.ts';

export interface SplitOptions {
  /** Maximum size of a piece, in the unit of `measure`. */
  limit: number;
  measure: Measure;
  /** Language of the text, for sentence rules; Chinese and Japanese end sentences with 。！？. */
  locale: string | undefined;
  /** Whether a piece may end at this offset; HTML allows it only outside every element. */
  canSplitAt?: (offset: number) => boolean;
}

type Granularity = 'sentence' | 'word' | 'grapheme';

function segmenter(locale: string | undefined, granularity: Granularity): Intl.Segmenter {
  try {
    return new Intl.Segmenter(locale, { granularity });
  } catch {
    return new Intl.Segmenter(undefined, { granularity });
  }
}

/** Cuts `text` into runs at the boundaries of one granularity, keeping only allowed boundaries. */
function cut(
  text: string,
  offset: number,
  granularity: Granularity,
  options: SplitOptions,
): string[] {
  const runs: string[] = [];
  let start = 0;
  for (const { index, segment } of segmenter(options.locale, granularity).segment(text)) {
    const end = index + segment.length;
    const allowed = end === text.length || (options.canSplitAt?.(offset + end) ?? true);
    if (allowed) {
      runs.push(text.slice(start, end));
      start = end;
    }
  }
  if (start < text.length) runs.push(text.slice(start));
  return runs;
}

const FINER: Record<Granularity, Granularity | undefined> = {
  sentence: 'word',
  word: 'grapheme',
  grapheme: undefined,
};

function pack(text: string, offset: number, granularity: Granularity, options: SplitOptions) {
  const pieces: string[] = [];
  let current = '';
  let currentSize = 0;
  let position = offset;

  for (const run of cut(text, offset, granularity, options)) {
    const size = options.measure(run);
    if (currentSize + size <= options.limit) {
      current += run;
      currentSize += size;
    } else {
      if (current) pieces.push(current);
      current = '';
      currentSize = 0;

      if (size <= options.limit) {
        current = run;
        currentSize = size;
      } else {
        pieces.push(...splitRun(run, position, granularity, options));
      }
    }
    position += run.length;
  }
  if (current) pieces.push(current);
  return pieces;
}

function splitRun(run: string, offset: number, granularity: Granularity, options: SplitOptions) {
  const finer = FINER[granularity];
  if (finer === undefined) {
    throw new ToolError(
      'TOO_LARGE',
      `A part of the text of ${options.measure(run)} units cannot be split under the provider's limit of ${options.limit}.`,
      {
        hint: 'Send shorter text, or text/HTML with more places to split (sentences outside tags).',
      },
    );
  }
  return pack(run, offset, finer, options);
}

/**
 * Splits a text into pieces no larger than the limit, at sentence boundaries
 * where possible, then at word boundaries, then between characters
 * (graphemes, so no emoji or accented letter is cut). The pieces joined in
 * order give back the text exactly.
 */
export function splitText(text: string, options: SplitOptions): string[] {
  if (options.measure(text) <= options.limit) return [text];
  return pack(text, 0, 'sentence', options);
}
