import { scrubSecrets } from '../config/redact.ts';

/** Maximum length of the body excerpt quoted in an error. */
export const SNIPPET_LENGTH = 200;

export type ParsedBody =
  { kind: 'json'; value: unknown } | { kind: 'text'; value: string } | { kind: 'empty' };

/**
 * Parses a response body without ever throwing: JSON when it parses as JSON,
 * otherwise the raw text, so an HTML error page or an empty body still leaves
 * the caller with something to report.
 */
export function parseBody(text: string): ParsedBody {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };

  if (trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('"')) {
    try {
      return { kind: 'json', value: JSON.parse(trimmed) as unknown };
    } catch {
      return { kind: 'text', value: text };
    }
  }
  return { kind: 'text', value: text };
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Finds the explanation an API put in its JSON error body: `reason`
 * (Open-Meteo), `message` (DeepL), `error` as text (LibreTranslate) or
 * `error.message`, `detail` and `responseDetails` (MyMemory).
 */
export function upstreamReason(body: ParsedBody): string | undefined {
  if (body.kind !== 'json' || typeof body.value !== 'object' || body.value === null) {
    return undefined;
  }
  const record = body.value as Record<string, unknown>;
  const nested = record.error;
  const nestedMessage =
    typeof nested === 'object' && nested !== null
      ? stringField(nested as Record<string, unknown>, 'message')
      : undefined;

  return (
    stringField(record, 'reason') ??
    stringField(record, 'message') ??
    stringField(record, 'error') ??
    nestedMessage ??
    stringField(record, 'detail') ??
    stringField(record, 'responseDetails')
  );
}

/**
 * Builds a single-line excerpt of a body that is safe to show. HTML tags are
 * dropped, whitespace is collapsed, known secrets are masked and the result
 * is cut to SNIPPET_LENGTH characters.
 */
export function bodySnippet(text: string, secrets: readonly (string | undefined)[] = []): string {
  const plain = text
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const safe = scrubSecrets(plain, secrets);
  return safe.length > SNIPPET_LENGTH ? `${safe.slice(0, SNIPPET_LENGTH - 1)}…` : safe;
}
