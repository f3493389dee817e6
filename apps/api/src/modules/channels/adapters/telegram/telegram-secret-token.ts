import { createHash, timingSafeEqual } from 'node:crypto';

/** Telegram sends the `secret_token` given to `setWebhook` with every webhook request. */
export const SECRET_TOKEN_HEADER = 'x-telegram-bot-api-secret-token';

/** Constant-time comparison; hashing first makes the lengths equal, so not even they leak. */
export function secretTokenMatches(
  given: string | string[] | undefined,
  expected: string,
): boolean {
  const value = Array.isArray(given) ? given[0] : given;
  if (!value || !expected) return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(value), digest(expected));
}
