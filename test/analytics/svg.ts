/** Counts the marks of one Vega mark type (rect, line, arc, symbol...) in an SVG drawn by Vega. */
export function countMarks(svg: string, markType: string): number {
  const pattern = new RegExp(`<g class="mark-${markType} role-mark[^"]*"[^>]*>(.*?)</g>`, 'gs');
  let count = 0;
  for (const match of svg.matchAll(pattern)) count += (match[1]?.match(/<path/g) ?? []).length;
  return count;
}

/** Lists the texts Vega drew (axis labels, titles, legends). */
export function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1] ?? '');
}

/** Reads width and height from a PNG's IHDR chunk after checking the signature and the closing IEND chunk. */
export function pngSize(png: Buffer): { width: number; height: number } | null {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!png.subarray(0, 8).equals(signature)) return null;
  if (png.subarray(12, 16).toString('latin1') !== 'IHDR') return null;
  if (png.subarray(png.length - 8, png.length - 4).toString('latin1') !== 'IEND') return null;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
