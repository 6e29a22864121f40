/** Column types an imported file can have, as SQLite declares them. */
export type ImportType = 'INTEGER' | 'REAL' | 'BOOLEAN' | 'DATETIME' | 'TEXT';

const INTEGER = /^[-+]?\d+$/;
const REAL = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const BOOLEAN = new Set(['true', 'false', 'TRUE', 'FALSE', 'True', 'False']);
const DATE_TIME =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Finds the narrowest type of one value, or null when it is missing. */
export function typeOfValue(value: unknown): ImportType | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return 'BOOLEAN';
  if (typeof value === 'number') return Number.isSafeInteger(value) ? 'INTEGER' : 'REAL';
  if (typeof value === 'object') return 'TEXT';

  const text = String(value).trim();
  if (text === '') return null;
  if (INTEGER.test(text)) return Number.isSafeInteger(Number(text)) ? 'INTEGER' : 'TEXT';
  if (REAL.test(text) && Number.isFinite(Number(text))) return 'REAL';
  if (BOOLEAN.has(text)) return 'BOOLEAN';
  if (DATE_TIME.test(text) && !Number.isNaN(Date.parse(text.replace(' ', 'T')))) return 'DATETIME';
  return 'TEXT';
}

/** Combines the type seen so far with a value's type: integers widen to reals, any other mix to text. */
export function widenType(current: ImportType | null, next: ImportType | null): ImportType | null {
  if (next === null) return current;
  if (current === null || current === next) return next;
  if ((current === 'INTEGER' && next === 'REAL') || (current === 'REAL' && next === 'INTEGER'))
    return 'REAL';
  return 'TEXT';
}

function toDateTime(text: string): string {
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return trimmed;
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/.test(trimmed);
  if (!hasZone)
    return trimmed
      .replace('T', ' ')
      .replace(/\.\d+$/, '')
      .padEnd(19, ':00')
      .slice(0, 19);
  return new Date(trimmed.replace(' ', 'T')).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * Converts a value to what is stored for the column's type. Times with an
 * offset are stored in UTC, and times without one are kept as written, as
 * YYYY-MM-DD HH:MM:SS, which the statistics read as UTC.
 */
export function convertValue(value: unknown, type: ImportType): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') return JSON.stringify(value);
  const text = String(value);
  if (text.trim() === '' && type !== 'TEXT') return null;
  if (text === '') return null;

  switch (type) {
    case 'INTEGER':
    case 'REAL':
      return Number(text);
    case 'BOOLEAN':
      return typeof value === 'boolean'
        ? Number(value)
        : text.trim().toLowerCase() === 'true'
          ? 1
          : 0;
    case 'DATETIME':
      return toDateTime(text);
    case 'TEXT':
      return text;
  }
}
