/** Size of a text in the unit a provider limits: characters or UTF-8 bytes. */
export type Measure = (text: string) => number;

/** Counts Unicode code points, the way DeepL and LibreTranslate count characters. */
export const countCharacters: Measure = (text) => {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
};

/** Counts UTF-8 bytes, the unit of MyMemory's 500-byte query limit. */
export const countUtf8Bytes: Measure = (text) => Buffer.byteLength(text, 'utf8');
