import { describe, expect, it } from 'vitest';
import { decodeEntities } from '../../servers/translation/text/entities.ts';
import {
  checkHtmlTags,
  rawTextMask,
  tokenizeHtml,
  topLevelSplitPoints,
} from '../../servers/translation/text/html.ts';
import { joinPieces, toPiece } from '../../servers/translation/text/join.ts';
import { countCharacters, countUtf8Bytes } from '../../servers/translation/text/measure.ts';
import { splitText } from '../../servers/translation/text/split.ts';

describe('splitText', () => {
  it('keeps short text whole', () => {
    expect(splitText('Hello.', { limit: 10, measure: countCharacters, locale: 'en' })).toEqual([
      'Hello.',
    ]);
  });

  it('splits English at sentence ends', () => {
    const text = 'The sun rose. Birds sang loudly. We left early.';
    const pieces = splitText(text, { limit: 20, measure: countCharacters, locale: 'en' });
    expect(pieces).toEqual(['The sun rose. ', 'Birds sang loudly. ', 'We left early.']);
  });

  it('splits Chinese at 。！？', () => {
    const text = '今天天气很好。我们去公园吧！你想一起去吗？';
    const pieces = splitText(text, { limit: 10, measure: countCharacters, locale: 'zh' });
    expect(pieces).toEqual(['今天天气很好。', '我们去公园吧！', '你想一起去吗？']);
  });

  it('splits Japanese at 。', () => {
    const text = 'こんにちは。元気ですか？はい、元気です。';
    const pieces = splitText(text, { limit: 8, measure: countCharacters, locale: 'ja' });
    expect(pieces).toEqual(['こんにちは。', '元気ですか？', 'はい、元気です。']);
  });

  it('packs sentences up to the limit', () => {
    const text = 'One. Two. Three. Four.';
    const pieces = splitText(text, { limit: 10, measure: countCharacters, locale: 'en' });
    expect(pieces).toEqual(['One. Two. ', 'Three. ', 'Four.']);
  });

  it('measures UTF-8 bytes', () => {
    const text = '你好。'.repeat(100);
    const pieces = splitText(text, { limit: 500, measure: countUtf8Bytes, locale: 'zh' });
    expect(pieces.join('')).toBe(text);
    for (const piece of pieces) expect(countUtf8Bytes(piece)).toBeLessThanOrEqual(500);
  });

  it('falls back to words for long sentences', () => {
    const text = 'word '.repeat(30).trim();
    const pieces = splitText(text, { limit: 20, measure: countCharacters, locale: 'en' });
    expect(pieces.join('')).toBe(text);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(20);
    for (const piece of pieces.slice(0, -1)) expect(piece.endsWith(' ')).toBe(true);
  });

  it('never cuts a grapheme', () => {
    const text = '👩‍👩‍👧'.repeat(5);
    const pieces = splitText(text, { limit: 20, measure: countUtf8Bytes, locale: 'en' });
    expect(pieces.join('')).toBe(text);
    for (const piece of pieces) expect(piece).toMatch(/^(👩‍👩‍👧)+$/u);
  });

  it('splits HTML only between top-level elements', () => {
    const html = '<p>First one. Second one.</p><p>Third one.</p>';
    const points = topLevelSplitPoints(html);
    const pieces = splitText(html, {
      limit: 30,
      measure: countCharacters,
      locale: 'en',
      canSplitAt: (offset) => points.has(offset),
    });
    expect(pieces).toEqual(['<p>First one. Second one.</p>', '<p>Third one.</p>']);
  });

  it('rejects HTML it cannot split', () => {
    const html = `<p>${'Long sentence here. '.repeat(5)}</p>`;
    const points = topLevelSplitPoints(html);
    const split = () =>
      splitText(html, {
        limit: 30,
        measure: countCharacters,
        locale: 'en',
        canSplitAt: (offset) => points.has(offset),
      });
    expect(split).toThrow(/cannot be split/);
  });
});

describe('joinPieces', () => {
  it('adds spaces from Chinese to English', () => {
    const pieces = ['今天天气很好。', '我们去公园吧！'].map(toPiece);
    const joined = joinPieces(pieces, ['The weather is nice.', "Let's go!"], 'en', 'text');
    expect(joined).toBe("The weather is nice. Let's go!");
  });

  it('drops spaces from English to Chinese', () => {
    const pieces = ['The weather is nice. ', "Let's go!"].map(toPiece);
    expect(joinPieces(pieces, ['天气很好。', '走吧！'], 'zh', 'text')).toBe('天气很好。走吧！');
  });

  it('keeps line breaks', () => {
    const pieces = ['First.\n\n', 'Second.'].map(toPiece);
    expect(joinPieces(pieces, ['第一。', '第二。'], 'zh', 'text')).toBe('第一。\n\n第二。');
  });

  it('keeps HTML whitespace as written', () => {
    const pieces = ['<p>A</p>', '<p>B</p>'].map(toPiece);
    expect(joinPieces(pieces, ['<p>甲</p>', '<p>乙</p>'], 'en', 'html')).toBe('<p>甲</p><p>乙</p>');
  });
});

describe('checkHtmlTags', () => {
  it('accepts preserved tags', () => {
    expect(checkHtmlTags('<p>Hello <b>world</b></p>', '<p>你好<b>世界</b></p>')).toEqual([]);
  });

  it('reports a dropped tag', () => {
    const problems = checkHtmlTags('<p>Hello <b>world</b></p>', '<p>你好世界</p>');
    expect(problems).toContain('<b> appears 1 times in the source and 0 in the translation');
  });

  it('reports crossed tags', () => {
    const problems = checkHtmlTags('<b><i>x</i></b>', '<b><i>x</b></i>');
    expect(problems.some((problem) => problem.includes('</b> closes <i>'))).toBe(true);
  });

  it('ignores void elements and comments', () => {
    expect(
      checkHtmlTags('a<br>b<!-- c --><img src="x>y">', 'A<br>B<!-- c --><img src="x>y">'),
    ).toEqual([]);
  });
});

describe('tokenizeHtml', () => {
  it('keeps quoted > inside a tag', () => {
    const tokens = tokenizeHtml('<a title="1 > 0">yes</a>');
    expect(tokens.map((token) => token.value)).toEqual(['<a title="1 > 0">', 'yes', '</a>']);
  });

  it('treats a lone < as text', () => {
    const tokens = tokenizeHtml('1 < 2 <b>x</b>');
    expect(tokens[0]).toMatchObject({ kind: 'text', value: '1 < 2 ' });
  });

  it('masks code and script content', () => {
    const tokens = tokenizeHtml('<p>Hi</p><code>x = 1</code>');
    expect(rawTextMask(tokens)).toEqual([false, false, false, false, true, false]);
  });
});

describe('decodeEntities', () => {
  it('decodes named and numeric references', () => {
    expect(decodeEntities('Tom &amp; Jerry&#39;s &#x4E2D; &lt;b&gt;')).toBe("Tom & Jerry's 中 <b>");
  });

  it('leaves unknown names', () => {
    expect(decodeEntities('&bogus; &#0;')).toBe('&bogus; &#0;');
  });
});
