import { describe, expect, it } from 'vitest';
import { integerToJson, pgTextToJson, toJsonValue } from '../../shared/sql/index.ts';

describe('integerToJson', () => {
  it('keeps safe integers as numbers', () => {
    expect(integerToJson(9007199254740991n)).toBe(9007199254740991);
  });

  it('turns larger integers into strings', () => {
    expect(integerToJson(9007199254740993n)).toBe('9007199254740993');
    expect(integerToJson('-9223372036854775808')).toBe('-9223372036854775808');
  });
});

describe('toJsonValue', () => {
  it('encodes binary as base64', () => {
    expect(toJsonValue(Buffer.from([0xde, 0xad, 0xbe, 0xef]))).toBe('3q2+7w==');
  });

  it('writes non-finite floats as text', () => {
    expect(toJsonValue(Number.NaN)).toBe('NaN');
    expect(toJsonValue(Number.NEGATIVE_INFINITY)).toBe('-Infinity');
  });

  it('converts nested values', () => {
    expect(toJsonValue({ a: [1n, Buffer.from('hi')], b: undefined })).toEqual({
      a: [1, 'aGk='],
      b: null,
    });
  });
});

describe('pgTextToJson', () => {
  const cases: [string, string | null, number, unknown][] = [
    ['bool', 't', 16, true],
    ['int4', '42', 23, 42],
    ['int8 beyond 2^53', '9223372036854775807', 20, '9223372036854775807'],
    ['numeric', '12345678901234567890.123456789', 1700, '12345678901234567890.123456789'],
    ['float8', '1.5', 701, 1.5],
    ['float8 NaN', 'NaN', 701, 'NaN'],
    ['date', '2024-02-29', 1082, '2024-02-29'],
    ['timestamp', '2024-02-29 23:59:59.5', 1114, '2024-02-29 23:59:59.5'],
    ['timestamptz', '2024-02-29 23:59:59+09', 1184, '2024-02-29T23:59:59+09:00'],
    ['timestamptz with minutes', '2024-02-29 23:59:59+05:30', 1184, '2024-02-29T23:59:59+05:30'],
    ['bytea', '\\xdeadbeef', 17, '3q2+7w=='],
    ['jsonb', '{"a": [1, "北京"]}', 3802, { a: [1, '北京'] }],
    ['uuid', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 2950, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'],
    ['interval', '1 day 02:00:00', 1186, '1 day 02:00:00'],
    ['null', null, 23, null],
    ['int4 array', '{1,NULL,3}', 1007, [1, null, 3]],
    ['int8 array', '{9223372036854775807}', 1016, ['9223372036854775807']],
    ['text array', '{"a b","c,d",plain,"q\\"uote"}', 1009, ['a b', 'c,d', 'plain', 'q"uote']],
    [
      'nested array',
      '{{1,2},{3,4}}',
      1007,
      [
        [1, 2],
        [3, 4],
      ],
    ],
  ];
  for (const [name, text, oid, expected] of cases) {
    it(`converts ${name}`, () => {
      expect(pgTextToJson(text, oid)).toEqual(expected);
    });
  }
});
