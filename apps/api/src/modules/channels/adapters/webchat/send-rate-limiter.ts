/** At most `count` events per sliding `windowMs`, kept in memory for one socket (a socket lives in one process). */
export class SendRateLimiter {
  private readonly times: number[] = [];

  constructor(
    private readonly count: number,
    private readonly windowMs: number,
  ) {}

  /** Records an attempt; false when it exceeds the limit (a refused attempt is not counted). */
  tryAcquire(now = Date.now()): boolean {
    while (this.times.length && this.times[0] <= now - this.windowMs) this.times.shift();
    if (this.times.length >= this.count) return false;
    this.times.push(now);
    return true;
  }
}
