import { TooManySignInsException } from './auth.exception';

describe('TooManySignInsException', () => {
  it.each([
    [1, 1, '1 second'],
    [44_200, 45, '45 seconds'],
    [60_000, 60, '1 minute'],
    [61_000, 61, '2 minutes'],
    [3_600_000, 3600, '1 hour'],
  ])('a wait of %i ms: Retry-After %i and "try again in %s"', (waitMs, seconds, words) => {
    const e = new TooManySignInsException(waitMs);
    expect(e.status).toBe(429);
    expect(e.code).toBe('rate_limited');
    expect(e.headers).toEqual({ 'Retry-After': String(seconds) });
    expect(e.message).toBe(`Too many failed sign-ins: try again in ${words}`);
  });

  it('names wrong passwords, not sign-ins, when the password change was refused', () => {
    expect(new TooManySignInsException(90_000, 'password-change').message).toBe(
      'Too many wrong passwords: try again in 2 minutes',
    );
  });
});
