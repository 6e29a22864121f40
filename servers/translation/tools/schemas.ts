import { z } from 'zod';

export const fallbackSchema = z.object({
  provider: z.string(),
  code: z.string(),
  message: z.string(),
});

export const detectedLanguageSchema = z.object({
  language: z.string().describe('BCP 47 tag'),
  confidence: z.number().nullable().describe('between 0 and 1; null when the detector gives none'),
  detector: z.string(),
});

export const READ_ONLY_REMOTE = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
} as const;
