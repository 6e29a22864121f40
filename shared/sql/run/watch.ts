import type { StopReason } from '../errors.ts';
import type { ReadOptions } from '../types.ts';

/** Extra time the server gets to cancel by itself before the engine layer steps in. */
const CANCEL_GRACE_MS = 1000;

export interface Watcher {
  /** The reason `cancel` was called, if it was. */
  stopped(): StopReason | undefined;
  done(): void;
}

/**
 * Arms a backstop for the statement timeout and the client's cancellation.
 * The server's own timeout normally fires first. If the statement still
 * runs a grace period later, or the client cancels, `cancel` runs and the
 * call fails with that reason.
 */
export function watchStatement(
  options: ReadOptions,
  cancel: (reason: StopReason) => void,
): Watcher {
  let reason: StopReason | undefined;
  const stop = (stopReason: StopReason) => {
    if (reason) return;
    reason = stopReason;
    cancel(stopReason);
  };
  const timer = setTimeout(() => stop('timeout'), options.timeoutMs + CANCEL_GRACE_MS);
  const onAbort = () => stop('cancelled');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  return {
    stopped: () => reason,
    done: () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    },
  };
}
