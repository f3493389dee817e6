/**
 * Wraps an expensive read that many callers ask for at once (the same answer for all): a call
 * while no read runs starts one; calls while one runs wait for it to end and then share one new
 * read, which starts after all of them were made. So every answer reflects everything committed
 * before its call (never an older read that was already under way), and N callers at once cost at
 * most two reads in a row instead of N side by side.
 */
export function sharedFreshRead<T>(read: () => Promise<T>): () => Promise<T> {
  let current: Promise<T> | undefined;
  let queued: Promise<T> | undefined;
  const start = (): Promise<T> => {
    const run: Promise<T> = read().finally(() => {
      if (current === run) current = undefined;
    });
    current = run;
    return run;
  };
  return () => {
    if (!current) return start();
    queued ??= current
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        queued = undefined;
        return start();
      });
    return queued;
  };
}
