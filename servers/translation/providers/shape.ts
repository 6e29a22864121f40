import type { z } from 'zod';
import { ToolError } from '../../../shared/errors.ts';
import { parseBody } from '../../../shared/http/index.ts';
import { upstreamMessage } from './upstream.ts';

/**
 * Parses a successful body against the shape a provider documents. A body of
 * another shape is an upstream fault, never something to show as a result.
 */
export function parseShape<S extends z.ZodType>(
  provider: string,
  subject: string,
  schema: S,
  body: string,
): z.output<S> {
  const parsed = parseBody(body);
  const result = schema.safeParse(parsed.kind === 'json' ? parsed.value : undefined);
  if (result.success) return result.data;

  const quoted = upstreamMessage(body);
  throw new ToolError(
    'UPSTREAM_ERROR',
    `${provider} sent ${subject} in an unexpected shape${quoted ? `: "${quoted}"` : ' (empty body)'}.`,
    {
      hint: 'Retry later or use another provider with --provider; the server log has the response.',
      details: { provider },
    },
  );
}
