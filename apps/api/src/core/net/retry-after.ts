/** Longest wait taken from a server's Retry-After: a larger figure is more likely a mistake. */
const MAX_RETRY_AFTER_MS = 15 * 60 * 1000;

/**
 * A `Retry-After` header (seconds, or an HTTP date) in milliseconds from `now`; undefined when absent
 * or unreadable, so the caller's own backoff applies.
 */
export function retryAfterMs(
  header: string | string[] | undefined,
  now = Date.now(),
): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS) : undefined;
}
