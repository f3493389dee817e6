/**
 * Waits before the 2nd, 3rd... request of a delivery that was not answered with 2xx: 30 s, 2 min,
 * 10 min, 1 h, 6 h. After the last one fails the delivery is `failed` (six requests in about 7 h).
 */
export const WEBHOOK_RETRY_DELAYS_MS: readonly number[] = [
  30_000,
  2 * 60_000,
  10 * 60_000,
  60 * 60_000,
  6 * 60 * 60_000,
];

/** A receiver's Retry-After is honoured up to this (a larger figure is more likely a mistake). */
export const WEBHOOK_MAX_RETRY_AFTER_MS = 6 * 60 * 60_000;

/** How long each request may take, answer included. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * After `roundAttempts` failed requests: the wait before the next, or null when the schedule is
 * spent. The receiver's Retry-After lengthens the wait, never shortens it.
 */
export function nextWebhookDelay(
  delays: readonly number[],
  roundAttempts: number,
  retryAfterMs?: number,
): number | null {
  const step = delays[roundAttempts - 1];
  if (step === undefined) return null;
  return Math.max(step, Math.min(retryAfterMs ?? 0, WEBHOOK_MAX_RETRY_AFTER_MS));
}
