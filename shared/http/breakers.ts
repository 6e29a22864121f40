import type * as Cockatiel from 'cockatiel';
import type { CircuitBreakerPolicy } from 'cockatiel';
import type { Logger } from '../logging.ts';
import { HttpError } from './errors.ts';

export interface BreakerOptions {
  /** Consecutive failed requests (after retries) that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one trial request may pass. */
  halfOpenAfterMs: number;
}

export const DEFAULT_BREAKER: BreakerOptions = { failureThreshold: 5, halfOpenAfterMs: 30_000 };

/** Reports whether a failure points at the host. A 4xx is the request's fault and does not count. */
function isHostFailure(error: unknown): boolean {
  if (!(error instanceof HttpError)) return false;
  if (error.kind === 'timeout' || error.kind === 'network') return true;
  return error.kind === 'status' && error.status !== undefined && error.status >= 500;
}

/** One cockatiel circuit breaker per upstream host, created on first use. */
export class HostBreakers {
  readonly #breakers = new Map<string, CircuitBreakerPolicy>();
  readonly #options: BreakerOptions;
  readonly #logger: Logger;
  readonly #upstream: string;
  #cockatiel: Promise<typeof Cockatiel> | undefined;

  constructor(options: BreakerOptions, upstream: string, logger: Logger) {
    this.#options = options;
    this.#upstream = upstream;
    this.#logger = logger;
  }

  /** Runs `call` through the host's breaker; an open circuit fails fast with an HttpError. */
  async execute<T>(host: string, call: () => Promise<T>): Promise<T> {
    const cockatiel = await (this.#cockatiel ??= import('cockatiel'));
    const breaker = this.#breakerFor(host, cockatiel);

    try {
      return await breaker.execute(call);
    } catch (error) {
      if (cockatiel.isBrokenCircuitError(error)) {
        throw new HttpError({
          kind: 'circuit-open',
          upstream: this.#upstream,
          host,
          retryAfterSeconds: Math.ceil(this.#options.halfOpenAfterMs / 1000),
        });
      }
      throw error;
    }
  }

  #breakerFor(host: string, cockatiel: typeof Cockatiel): CircuitBreakerPolicy {
    let breaker = this.#breakers.get(host);
    if (breaker) return breaker;

    breaker = cockatiel.circuitBreaker(cockatiel.handleWhen(isHostFailure), {
      halfOpenAfter: this.#options.halfOpenAfterMs,
      breaker: new cockatiel.ConsecutiveBreaker(this.#options.failureThreshold),
    });
    breaker.onBreak(() =>
      this.#logger.warn(
        { upstream: this.#upstream, host, pauseMs: this.#options.halfOpenAfterMs },
        'circuit opened after repeated failures',
      ),
    );
    breaker.onReset(() =>
      this.#logger.info({ upstream: this.#upstream, host }, 'circuit closed again'),
    );
    this.#breakers.set(host, breaker);
    return breaker;
  }
}
