import { z } from 'zod';

export const jsonScalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const resultRow = z.record(z.string(), jsonScalar);
export const nullableNumber = z.number().nullable();

export const orderByInput = z
  .array(
    z.object({
      by: z.string().min(1).max(256),
      direction: z.enum(['asc', 'desc']).default('desc'),
    }),
  )
  .max(5)
  .default([])
  .describe('Sort by group columns or metric names; groups come in group-column order when empty');
