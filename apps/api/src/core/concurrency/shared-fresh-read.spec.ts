import { sharedFreshRead } from './shared-fresh-read';

/** A read whose runs the test finishes by hand, each answering its own number. */
function controlledRead() {
  const runs: { resolve: () => void; reject: (err: Error) => void }[] = [];
  const read = () =>
    new Promise<number>((resolve, reject) => {
      const n = runs.length + 1;
      runs.push({ resolve: () => resolve(n), reject });
    });
  return { read, runs };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('a read shared by callers who ask at once', () => {
  it('lets callers who arrive during a read share the next one, started after they asked', async () => {
    const { read, runs } = controlledRead();
    const board = sharedFreshRead(read);
    const first = board();
    // Three supervisors ask while the first read runs: it might miss a change they saw.
    const during = [board(), board(), board()];
    expect(runs).toHaveLength(1);
    runs[0].resolve();
    expect(await first).toBe(1);
    await settle();
    expect(runs).toHaveLength(2);
    runs[1].resolve();
    expect(await Promise.all(during)).toEqual([2, 2, 2]);
  });

  it('starts a fresh read for a caller after the last one ended', async () => {
    const { read, runs } = controlledRead();
    const board = sharedFreshRead(read);
    const a = board();
    runs[0].resolve();
    await a;
    const b = board();
    expect(runs).toHaveLength(2);
    runs[1].resolve();
    expect(await b).toBe(2);
  });

  it('passes a failed read on to its callers, and the next callers read again', async () => {
    const { read, runs } = controlledRead();
    const board = sharedFreshRead(read);
    const failing = board();
    const waiting = board();
    runs[0].reject(new Error('database gone'));
    await expect(failing).rejects.toThrow('database gone');
    await settle();
    runs[1].resolve();
    expect(await waiting).toBe(2);
    const later = board();
    runs[2].resolve();
    expect(await later).toBe(3);
  });
});
