import { HttpError } from './errors.ts';

interface Flight<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiters: number;
}

/**
 * Runs identical concurrent requests once, and every caller waits on the
 * same upstream call. A caller that aborts stops waiting. The upstream call
 * itself is aborted only when no caller is left.
 */
export class InFlightRequests {
  readonly #flights = new Map<string, Flight<unknown>>();

  get size(): number {
    return this.#flights.size;
  }

  /** Calls `run` unless a call with the same key is running. `shared` is true when one was. */
  async join<T>(
    key: string,
    run: (signal: AbortSignal) => Promise<T>,
    signal: AbortSignal | undefined,
    upstream: string,
  ): Promise<{ value: T; shared: boolean }> {
    let flight = this.#flights.get(key) as Flight<T> | undefined;
    const shared = flight !== undefined;

    if (!flight) {
      const controller = new AbortController();
      const promise = run(controller.signal).finally(() => {
        this.#flights.delete(key);
      });
      // Waiters handle the outcome. This handler covers a call whose waiters have all left, so its
      // rejection is not reported as unhandled.
      promise.catch(() => undefined);
      flight = { promise, controller, waiters: 0 };
      this.#flights.set(key, flight as Flight<unknown>);
    }

    const value = await this.#wait(flight, signal, upstream);
    return { value, shared };
  }

  #wait<T>(flight: Flight<T>, signal: AbortSignal | undefined, upstream: string): Promise<T> {
    const cancelled = () => new HttpError({ kind: 'cancelled', upstream });
    if (signal?.aborted) {
      if (flight.waiters === 0) flight.controller.abort();
      return Promise.reject(cancelled());
    }

    flight.waiters += 1;
    return new Promise<T>((resolve, reject) => {
      let waiting = true;
      const stopWaiting = () => {
        waiting = false;
        flight.waiters -= 1;
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        if (!waiting) return;
        stopWaiting();
        if (flight.waiters <= 0) flight.controller.abort();
        reject(cancelled());
      };
      signal?.addEventListener('abort', onAbort, { once: true });

      flight.promise.then(
        (value) => {
          if (!waiting) return;
          stopWaiting();
          resolve(value);
        },
        (error: unknown) => {
          if (!waiting) return;
          stopWaiting();
          reject(error);
        },
      );
    });
  }
}
