// Languages whose writing puts no spaces between sentences or words.
const UNSPACED_LANGUAGES = new Set(['zh', 'ja', 'th', 'lo', 'km', 'my', 'bo']);

export function isUnspacedLanguage(language: string): boolean {
  return UNSPACED_LANGUAGES.has(language);
}

/** A piece of the source text: the part sent for translation and the whitespace around it. */
export interface Piece {
  leading: string;
  core: string;
  trailing: string;
}

export function toPiece(text: string): Piece {
  const core = text.trim();
  if (!core) return { leading: text, core: '', trailing: '' };
  const start = text.indexOf(core);
  return { leading: text.slice(0, start), core, trailing: text.slice(start + core.length) };
}

/**
 * Joins translated pieces in their original order with their original
 * whitespace, adapted to the target language. Chinese sentences have no
 * space between them, so one is added for English. The space between
 * English sentences is dropped for Chinese. Line breaks, and all
 * whitespace in HTML, are kept.
 */
export function joinPieces(
  pieces: readonly Piece[],
  translations: readonly string[],
  targetLanguage: string,
  format: 'text' | 'html',
): string {
  const unspacedTarget = isUnspacedLanguage(targetLanguage);
  const adaptSpacing = format === 'text';
  let result = '';
  pieces.forEach((piece, index) => {
    const translated = translations[index] ?? '';
    const isLast = index === pieces.length - 1;
    let trailing = piece.trailing;
    const nextLeading = pieces[index + 1]?.leading ?? '';
    if (adaptSpacing && !isLast && !trailing.includes('\n') && nextLeading === '') {
      if (unspacedTarget) trailing = '';
      else if (trailing === '' && translated !== '') trailing = ' ';
    }
    result += piece.leading + translated + trailing;
  });
  return result;
}
