import type { JsonValue } from './types.ts';

/** Integers beyond ±2^53 become decimal strings, so no digit is lost in JSON. */
export function integerToJson(value: bigint | number | string): number | string {
  if (typeof value === 'number') return value;
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : String(value);
}

/** JSON has no NaN or Infinity; they are kept as the strings the engines print. */
export function floatToJson(value: number): number | string {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? 'Infinity' : '-Infinity';
}

/** Binary values are sent as base64 text. */
export function bytesToJson(value: Uint8Array): string {
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
}

/**
 * Makes any driver value JSON-safe: bigint, Buffer, Date and nested objects
 * included. A Date only reaches here from an engine that already applied a
 * time zone, so it is written as an ISO instant.
 */
export function toJsonValue(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return floatToJson(value);
    case 'bigint':
      return integerToJson(value);
    case 'object':
      break;
    default:
      return String(value);
  }

  if (value instanceof Uint8Array) return bytesToJson(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map(toJsonValue);

  const result: Record<string, JsonValue> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    result[key] = toJsonValue(item);
  }
  return result;
}
