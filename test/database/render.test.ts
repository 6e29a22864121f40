import { describe, expect, it } from 'vitest';
import { renderResult } from '../../servers/database/tools/shapes.ts';
import type { ReadResult } from '../../shared/sql/index.ts';

function result(rows: ReadResult['rows'], truncated = false): ReadResult {
  return {
    columns: [
      { name: 'id', type: 'int4' },
      { name: 'note', type: 'text' },
    ],
    rows,
    rowCount: rows.length,
    truncated,
    ...(truncated ? { truncatedReason: 'max_rows' as const } : {}),
    bytes: JSON.stringify(rows).length,
  };
}

describe('renderResult', () => {
  it('renders a header and tab-separated rows', () => {
    const text = renderResult(
      result([
        [1, 'a\tb'],
        [2, null],
      ]),
      10_000,
    );
    expect(text.split('\n')).toEqual(['2 rows', 'id (int4)\tnote (text)', '1\ta b', '2\tNULL']);
  });

  it('says when a cap cut the result', () => {
    expect(renderResult(result([[1, 'x']], true), 10_000)).toMatch(
      /^1 row \(truncated at the row cap/,
    );
  });

  it('explains a first row larger than the cap', () => {
    const empty = { ...result([]), truncated: true, truncatedReason: 'max_bytes' as const };
    expect(renderResult(empty, 1000)).toMatch(/first row alone is larger than the byte cap/);
  });

  it('stops the text at the byte budget', () => {
    const rows = Array.from({ length: 100 }, (_, index) => [index, 'x'.repeat(100)]);
    const text = renderResult(result(rows), 1000);
    expect(Buffer.byteLength(JSON.stringify(text))).toBeLessThan(1300);
    expect(text).toMatch(/\.\.\. \d+ more rows are only in the structured result$/);
  });
});
