import { nextWebhookDelay, WEBHOOK_RETRY_DELAYS_MS } from './webhook-retry';

describe('the webhook retry schedule', () => {
  it('waits 30 s, 2 min, 10 min, 1 h, 6 h, then gives up', () => {
    const waits = [1, 2, 3, 4, 5, 6].map((n) => nextWebhookDelay(WEBHOOK_RETRY_DELAYS_MS, n));
    expect(waits).toEqual([30_000, 120_000, 600_000, 3_600_000, 21_600_000, null]);
  });

  it('honours a longer Retry-After, up to six hours, but never waits less than the schedule', () => {
    expect(nextWebhookDelay(WEBHOOK_RETRY_DELAYS_MS, 1, 90_000)).toBe(90_000);
    expect(nextWebhookDelay(WEBHOOK_RETRY_DELAYS_MS, 1, 1_000)).toBe(30_000);
    expect(nextWebhookDelay(WEBHOOK_RETRY_DELAYS_MS, 1, 48 * 3_600_000)).toBe(6 * 3_600_000);
  });
});
