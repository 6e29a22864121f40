import { z } from 'zod';
import type { ToolError, ToolErrorCode } from '../../../../shared/errors.ts';
import { parseShape } from '../shape.ts';
import { upstreamError } from '../upstream.ts';

const PROVIDER = 'MyMemory';

const responseSchema = z.object({
  responseData: z.object({ translatedText: z.string().nullable().optional() }).nullable(),
  // MyMemory sends the status as a number on success and often as a string on errors.
  responseStatus: z.union([z.number(), z.string()]),
  responseDetails: z.string().nullable().optional(),
  quotaFinished: z.boolean().nullable().optional(),
});

const QUOTA_WARNING = /MYMEMORY WARNING|YOU USED ALL AVAILABLE FREE TRANSLATIONS/i;

interface ErrorRule {
  pattern: RegExp;
  code: ToolErrorCode;
  hint: string;
}

const ERROR_RULES: ErrorRule[] = [
  {
    pattern: QUOTA_WARNING,
    code: 'QUOTA_EXCEEDED',
    hint: 'The free daily quota is used up; pass --mymemory-email for a larger one, wait for the reset, or list a fallback provider in --provider.',
  },
  {
    pattern: /QUERY LENGTH LIMIT EXCEEDED/i,
    code: 'TOO_LARGE',
    hint: 'Send shorter text; MyMemory takes at most 500 bytes per request.',
  },
  {
    pattern: /INVALID (SOURCE|TARGET) LANGUAGE|INVALID LANGUAGE PAIR|TWO DISTINCT LANGUAGES/i,
    code: 'INVALID_ARGUMENT',
    hint: 'Use two different BCP 47 tags that MyMemory supports, such as en and zh-CN; list_languages shows them.',
  },
];

function errorFromMessage(status: number, message: string, quotaFinished: boolean): ToolError {
  const rule = quotaFinished
    ? ERROR_RULES[0]
    : ERROR_RULES.find((candidate) => candidate.pattern.test(message));
  return upstreamError({
    provider: PROVIDER,
    status,
    body: JSON.stringify({ message }),
    code: rule?.code ?? (status === 429 ? 'RATE_LIMITED' : undefined),
    hint: rule?.hint ?? 'Retry later or list a fallback provider in --provider.',
  });
}

/**
 * Reads a /get response. MyMemory reports most failures inside an HTTP 200
 * body, with `responseStatus` set to the real status and the error text put
 * in `translatedText`, so the status and the quota flag are checked before
 * any text is taken as a translation.
 */
export function parseMymemoryTranslation(body: string): string {
  const parsed = parseShape(PROVIDER, 'a translation', responseSchema, body);
  const status = Number(parsed.responseStatus);
  const text = parsed.responseData?.translatedText ?? '';
  const details = parsed.responseDetails ?? '';
  const quotaFinished = parsed.quotaFinished === true;

  if (status !== 200 || quotaFinished || QUOTA_WARNING.test(text)) {
    const reported = Number.isFinite(status) ? status : 200;
    throw errorFromMessage(reported, details || text, quotaFinished);
  }
  return text;
}

/** Turns a MyMemory HTTP error status (outside the 200 body convention) into a ToolError. */
export function mymemoryError(status: number, body: string): ToolError {
  if (status === 429) return errorFromMessage(status, body, QUOTA_WARNING.test(body));
  return upstreamError({
    provider: PROVIDER,
    status,
    body,
    hint:
      status >= 500
        ? 'MyMemory is unavailable; retry later or list a fallback provider in --provider.'
        : 'Check the language tags and text length, or list a fallback provider in --provider.',
  });
}
