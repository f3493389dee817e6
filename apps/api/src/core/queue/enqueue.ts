/** Bounds a queue call so a request never waits long on an unreachable Redis. */
export function withTimeout<T>(work: Promise<T>, ms = 2000): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms).unref(),
    ),
  ]);
}
