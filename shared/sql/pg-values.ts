import { bytesToJson, floatToJson, integerToJson } from './values.ts';
import type { JsonValue } from './types.ts';

/** Built-in PostgreSQL type OIDs (pg_type.oid), stable across versions. */
const OID = {
  bool: 16,
  bytea: 17,
  int8: 20,
  int2: 21,
  int4: 23,
  oid: 26,
  json: 114,
  float4: 700,
  float8: 701,
  timestamptz: 1184,
  numeric: 1700,
  jsonb: 3802,
} as const;

/** Array type OID to its element type OID, for the arrays that need conversion. */
const ARRAY_ELEMENTS: Record<number, number> = {
  1000: OID.bool,
  1001: OID.bytea,
  1005: OID.int2,
  1007: OID.int4,
  1016: OID.int8,
  1021: OID.float4,
  1022: OID.float8,
  1185: OID.timestamptz,
  1231: OID.numeric,
  199: OID.json,
  3807: OID.jsonb,
};

/** Text array types whose elements stay strings. */
const TEXT_ARRAYS = new Set([1009, 1015, 1014, 2951, 1182, 1115, 1183, 1270, 1187, 1002, 1003]);

/** `2024-05-01 10:00:00+09` or `...+05:30` becomes `2024-05-01T10:00:00+09:00`. */
function timestamptzToIso(text: string): string {
  const match =
    /^(\d{4,}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)([+-]\d\d)(?::?(\d\d))?(?::?(\d\d))?$/.exec(
      text,
    );
  if (!match) return text;
  const [, date, time, hours, minutes = '00', seconds] = match;
  return `${date}T${time}${hours}:${minutes}${seconds ? `:${seconds}` : ''}`;
}

function convertScalar(text: string, oid: number): JsonValue {
  switch (oid) {
    case OID.bool:
      return text === 't';
    case OID.int2:
    case OID.int4:
    case OID.oid:
      return Number(text);
    case OID.int8:
      return integerToJson(text);
    case OID.float4:
    case OID.float8:
      return floatToJson(Number(text));
    case OID.json:
    case OID.jsonb:
      return JSON.parse(text) as JsonValue;
    case OID.bytea:
      return text.startsWith('\\x') ? bytesToJson(Buffer.from(text.slice(2), 'hex')) : text;
    case OID.timestamptz:
      return timestamptzToIso(text);
    default:
      return text;
  }
}

/**
 * Parses PostgreSQL's array text (`{1,2,NULL}`, `{{a,"b c"},{d,e}}`) into
 * nested arrays of element strings, null for an unquoted NULL.
 */
export function parseArrayText(text: string): unknown[] {
  let i = text.startsWith('[') ? text.indexOf('=') + 1 : 0;

  const parseLevel = (): unknown[] => {
    const items: unknown[] = [];
    i += 1;
    while (i < text.length) {
      const char = text[i];
      if (char === '}') {
        i += 1;
        return items;
      }
      if (char === ',') {
        i += 1;
        continue;
      }
      if (char === '{') {
        items.push(parseLevel());
        continue;
      }
      if (char === '"') {
        let value = '';
        i += 1;
        while (i < text.length && text[i] !== '"') {
          if (text[i] === '\\') i += 1;
          value += text[i] ?? '';
          i += 1;
        }
        i += 1;
        items.push(value);
        continue;
      }
      let end = i;
      while (end < text.length && text[end] !== ',' && text[end] !== '}') end += 1;
      const raw = text.slice(i, end);
      items.push(raw === 'NULL' ? null : raw);
      i = end;
    }
    return items;
  };

  return parseLevel();
}

function mapNested(items: unknown[], convert: (text: string) => JsonValue): JsonValue[] {
  return items.map((item) => {
    if (item === null) return null;
    if (Array.isArray(item)) return mapNested(item, convert);
    return convert(item as string);
  });
}

/**
 * Converts one value in PostgreSQL's text format to exact JSON: int8 beyond
 * 2^53 and numeric as strings, date and timestamp as their literal text,
 * timestamptz as ISO 8601 with its offset, bytea as base64, json as JSON.
 */
export function pgTextToJson(text: string | null, oid: number): JsonValue {
  if (text === null) return null;
  const element = ARRAY_ELEMENTS[oid];
  if (element !== undefined) {
    return mapNested(parseArrayText(text), (item) => convertScalar(item, element));
  }
  if (TEXT_ARRAYS.has(oid)) return mapNested(parseArrayText(text), (item) => item);
  return convertScalar(text, oid);
}
