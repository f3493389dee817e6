import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Meta signs every webhook POST with the app secret: `sha256=<hex HMAC-SHA256 of the raw body>`. */
export const META_SIGNATURE_HEADER = 'x-hub-signature-256';

export function signMetaBody(body: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/**
 * Whether `header` is the signature of exactly these bytes. Meta escapes non-ASCII characters and
 * slashes in what it signs, so only the raw body received can be checked, never a re-serialised one.
 */
export function metaSignatureMatches(
  rawBody: Buffer | undefined,
  header: string | string[] | undefined,
  appSecret: string,
): boolean {
  const given = Array.isArray(header) ? header[0] : header;
  if (!rawBody || !given || !appSecret) return false;
  return sameSecret(given.trim().toLowerCase(), signMetaBody(rawBody, appSecret));
}

/** Constant-time comparison; hashing first makes the lengths equal, so not even they leak. */
export function sameSecret(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || !given || !expected) return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
