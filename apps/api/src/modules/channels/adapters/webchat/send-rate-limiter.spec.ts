import { SendRateLimiter } from './send-rate-limiter';

describe('SendRateLimiter', () => {
  it('allows `count` sends per sliding window and refuses without counting the refusal', () => {
    const limiter = new SendRateLimiter(3, 10_000);
    expect([0, 1000, 2000].map((t) => limiter.tryAcquire(t))).toEqual([true, true, true]);
    expect(limiter.tryAcquire(9_999)).toBe(false);
    expect(limiter.tryAcquire(10_000)).toBe(true); // the first send left the window
    expect(limiter.tryAcquire(10_500)).toBe(false);
    expect(limiter.tryAcquire(12_000)).toBe(true);
  });
});
