import { describe, expect, it } from 'vitest';
import {
  bodySnippet,
  parseBody,
  parseRetryAfter,
  upstreamReason,
} from '../../shared/http/index.ts';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');

  it('reads seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120);
  });

  it('reads an HTTP date', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 12:01:30 GMT', now)).toBe(90);
  });

  it('clamps a past date to zero', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 11:00:00 GMT', now)).toBe(0);
  });

  it.each([undefined, '', 'soon', '-5'])('ignores %s', (header) => {
    expect(parseRetryAfter(header, now)).toBeUndefined();
  });
});

describe('parseBody', () => {
  it('parses JSON', () => {
    expect(parseBody('{"a":1}')).toEqual({ kind: 'json', value: { a: 1 } });
  });

  it('keeps broken JSON as text', () => {
    expect(parseBody('{"a":')).toEqual({ kind: 'text', value: '{"a":' });
  });

  it('reports an empty body', () => {
    expect(parseBody('  \n')).toEqual({ kind: 'empty' });
  });
});

describe('upstreamReason', () => {
  it.each([
    ['{"reason":"Latitude out of range","error":true}', 'Latitude out of range'],
    ['{"message":"Quota exceeded"}', 'Quota exceeded'],
    ['{"error":"Invalid request"}', 'Invalid request'],
    ['{"error":{"message":"Bad key"}}', 'Bad key'],
    ['{"responseDetails":"INVALID LANGUAGE PAIR"}', 'INVALID LANGUAGE PAIR'],
  ])('reads %s', (text, reason) => {
    expect(upstreamReason(parseBody(text))).toBe(reason);
  });

  it('finds nothing in HTML', () => {
    expect(upstreamReason(parseBody('<h1>Error</h1>'))).toBeUndefined();
  });
});

describe('bodySnippet', () => {
  it('drops scripts and tags', () => {
    expect(bodySnippet('<script>var x=1</script><p>Service\n  unavailable</p>')).toBe(
      'Service unavailable',
    );
  });

  it('cuts long bodies', () => {
    const snippet = bodySnippet('x'.repeat(500));

    expect(snippet).toHaveLength(200);
    expect(snippet.endsWith('…')).toBe(true);
  });

  it('masks secrets', () => {
    expect(bodySnippet('key abcdef123 rejected', ['abcdef123'])).toBe('key *** rejected');
  });
});
