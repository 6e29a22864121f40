import { isToolError, ToolError, type ToolErrorCode } from '../../../shared/errors.ts';
import type { Logger } from '../../../shared/logging.ts';
import type { ProviderName, TranslationProvider } from '../providers/types.ts';

/** A provider named in --provider: ready, or missing a setting it needs. */
export interface ProviderSlot {
  name: ProviderName;
  /** Creates the provider on first use. */
  get(): TranslationProvider;
  /** Reason the provider cannot be used, such as a missing API key; undefined when it can. */
  unavailable: string | undefined;
}

/** A provider that failed or was skipped before another one returned a result. */
export interface FallbackAttempt {
  provider: ProviderName;
  code: ToolErrorCode;
  message: string;
}

// Failures of the provider rather than of the request: the next provider may succeed.
const FALLBACK_CODES = new Set<ToolErrorCode>([
  'RATE_LIMITED',
  'QUOTA_EXCEEDED',
  'UNAVAILABLE',
  'TIMEOUT',
  'PERMISSION_DENIED',
  'UNSUPPORTED',
]);

/**
 * Runs `work` with each provider of the chain in order until one succeeds.
 * A provider that is rate limited, out of quota, down, rejects the key or
 * lacks the language hands over to the next one. Any other failure, such as
 * an invalid argument, ends the chain at once.
 */
export async function runChain<T>(
  slots: readonly ProviderSlot[],
  logger: Logger,
  work: (provider: TranslationProvider) => Promise<T>,
): Promise<{ result: T; provider: ProviderName; fallbacks: FallbackAttempt[] }> {
  const fallbacks: FallbackAttempt[] = [];
  let lastError: ToolError | undefined;

  for (const slot of slots) {
    if (slot.unavailable) {
      fallbacks.push({ provider: slot.name, code: 'UNAVAILABLE', message: slot.unavailable });
      lastError = new ToolError('UNAVAILABLE', slot.unavailable, {
        hint: 'Start the server with the missing setting, or choose another provider with --provider.',
      });
      continue;
    }
    try {
      return { result: await work(slot.get()), provider: slot.name, fallbacks };
    } catch (error) {
      if (!isToolError(error) || !FALLBACK_CODES.has(error.code)) throw error;
      logger.warn(
        { provider: slot.name, code: error.code, err: error },
        'provider failed, trying the next one',
      );
      fallbacks.push({ provider: slot.name, code: error.code, message: error.message });
      lastError = error;
    }
  }

  if (slots.length === 1 && lastError) throw lastError;
  const summary = fallbacks.map((attempt) => `${attempt.provider}: ${attempt.message}`).join(' ');
  throw new ToolError(
    lastError?.code ?? 'UNAVAILABLE',
    `No provider could complete the request. ${summary}`,
    {
      hint:
        lastError?.hint ??
        'Check the provider settings given with --provider and their keys and URLs.',
      details: { fallbacks },
    },
  );
}
