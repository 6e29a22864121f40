import type { ProviderLimits, TextFormat } from '../providers/types.ts';
import { decodeEntities } from '../text/entities.ts';
import { rawTextMask, tokenizeHtml, topLevelSplitPoints } from '../text/html.ts';
import { isUnspacedLanguage, joinPieces, toPiece, type Piece } from '../text/join.ts';
import { splitText } from '../text/split.ts';

/** Part of a text: kept as written (a tag), or translated piece by piece. */
type Segment =
  | { kind: 'literal'; text: string }
  | { kind: 'translated'; pieces: Piece[]; format: TextFormat; escape: boolean };

/** Plan for cutting one input text into pieces and putting it back together. */
export interface TextPlan {
  segments: Segment[];
}

export interface PlanOptions {
  format: TextFormat;
  /** Whether the provider translates HTML itself; if not, only the text between tags is sent. */
  providerHandlesHtml: boolean;
  limits: ProviderLimits;
  locale: string | undefined;
}

function escapeHtmlText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function pieces(
  text: string,
  options: PlanOptions,
  canSplitAt?: (offset: number) => boolean,
): Piece[] {
  const split = splitText(text, {
    limit: options.limits.maxPieceSize,
    measure: options.limits.measure,
    locale: options.locale,
    ...(canSplitAt ? { canSplitAt } : {}),
  });
  return split.map(toPiece);
}

/**
 * Cuts a text into pieces under the provider's size limit. HTML for a
 * provider that handles it is cut only between top-level elements. HTML for
 * one that does not keeps every tag as written and sends the text between
 * tags, decoded, leaving code, pre, script and style content alone.
 */
export function planText(text: string, options: PlanOptions): TextPlan {
  if (options.format === 'text') {
    return {
      segments: [
        { kind: 'translated', pieces: pieces(text, options), format: 'text', escape: false },
      ],
    };
  }

  if (options.providerHandlesHtml) {
    const points = topLevelSplitPoints(text);
    const split = pieces(text, options, (offset) => points.has(offset));
    return { segments: [{ kind: 'translated', pieces: split, format: 'html', escape: false }] };
  }

  const tokens = tokenizeHtml(text);
  const raw = rawTextMask(tokens);
  const segments: Segment[] = tokens.map((token, index) => {
    if (token.kind === 'tag' || raw[index] || !token.value.trim()) {
      return { kind: 'literal', text: token.value };
    }
    return {
      kind: 'translated',
      pieces: pieces(decodeEntities(token.value), options),
      format: 'text',
      escape: true,
    };
  });
  return { segments };
}

/** Lists the pieces of a plan that need a translation, in order. Blank pieces are left out. */
export function piecesToTranslate(plan: TextPlan): Piece[] {
  return plan.segments.flatMap((segment) =>
    segment.kind === 'translated' ? segment.pieces.filter((piece) => piece.core !== '') : [],
  );
}

/**
 * Puts a text back together from the translations of piecesToTranslate, in
 * the same order, with the original whitespace adapted to the target language.
 */
export function assembleText(
  plan: TextPlan,
  translations: readonly string[],
  targetLanguage: string,
): string {
  let next = 0;
  let result = '';
  for (const segment of plan.segments) {
    if (segment.kind === 'literal') {
      result += segment.text;
      continue;
    }
    const translated = segment.pieces.map((piece) =>
      piece.core === '' ? '' : (translations[next++] ?? ''),
    );
    let joined = joinPieces(segment.pieces, translated, targetLanguage, segment.format);
    if (segment.escape) {
      // Text beside a tag in Chinese or Japanese has no space before or after it.
      if (isUnspacedLanguage(targetLanguage)) joined = joined.replace(/^[ \t]+|[ \t]+$/g, '');
      joined = escapeHtmlText(joined);
    }
    result += joined;
  }
  return result;
}
