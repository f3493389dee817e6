import { breakdown, breakdownLine, type SentSample, type StoredTimes } from './stages';

/** A message sent at `t`, whose stages took the given ms, as both clocks record it. */
function message(
  n: number,
  t: number,
  took: { http: number; queued: number; store: number; announce: number },
): { sample: SentSample; stored: StoredTimes } {
  const receivedAt = t + took.http;
  const batchStartedAt = receivedAt + took.queued;
  const storedAt = batchStartedAt + took.store;
  const e2eMs = took.http + took.queued + took.store + took.announce;
  return {
    sample: { providerMessageId: `m-${n}`, sentAt: t, ackMs: took.http + 1, e2eMs },
    stored: { providerMessageId: `m-${n}`, receivedAt, batchStartedAt, storedAt },
  };
}

describe('latency breakdown', () => {
  it('splits each message into its stages, and says what the slowest waited on', () => {
    const messages = Array.from({ length: 200 }, (_, n) =>
      // Every 100th message waits 80 ms in the queue; the rest take 2 + 1 + 5 + 3 ms.
      message(n, 1_000_000 + n * 100, {
        http: 2,
        queued: n % 100 === 99 ? 80 : 1,
        store: 5,
        announce: 3,
      }),
    );
    const b = breakdown(
      messages.map((m) => m.sample),
      messages.map((m) => m.stored),
    );
    expect(b).not.toBeNull();
    expect(b!.messages).toBe(200);
    expect(b!.stages.queued.p50).toBeCloseTo(1);
    expect(b!.stages.store.p50).toBeCloseTo(5);
    expect(b!.stages.announce.p99).toBeCloseTo(3);
    expect(b!.e2e.p50).toBeCloseTo(11);
    // The two slowest are the ones that queued: the tail is the queue's.
    expect(b!.tail.queued).toBeCloseTo(80);
    expect(b!.tail.store).toBeCloseTo(5);
    expect(b!.tailE2e).toBeCloseTo(90);
    expect(breakdownLine('x', b!)).toContain('slowest 1% (90.0 ms) spent http 2.0, queued 80.0');
  });

  it('leaves out messages PostgreSQL has no rows for, and answers null for none', () => {
    const one = message(1, 0, { http: 1, queued: 1, store: 1, announce: 1 });
    const other = message(2, 0, { http: 1, queued: 1, store: 1, announce: 1 });
    expect(breakdown([one.sample, other.sample], [one.stored])!.messages).toBe(1);
    expect(breakdown([one.sample], [])).toBeNull();
  });
});
