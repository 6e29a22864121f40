/** Resolves with the first of SIGINT, SIGTERM or the given promise. */
export function untilStopped(ended: Promise<void>): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    void ended.then(() => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve('stdin closed');
    });
  });
}
