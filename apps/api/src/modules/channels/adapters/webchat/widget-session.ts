import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Visitor sessions without a table: a visitor id and the channel's HMAC over it. The widget keeps the
 * token in localStorage; whoever shows it is that visitor. Changing the channel secret ends every
 * session (visitors start over; their history stays with their contact in the inbox).
 *
 * Visitor ids: `v_<random>` for anonymous visitors, `u_<hmac of the identifier>` for customers the site
 * signed in (identifier + identifierHash), so every device of one signed-in customer is one visitor.
 */
const VISITOR_ID = /^[vu]_[A-Za-z0-9_-]{22}$/;

function hmac(secret: string, ...parts: string[]): Buffer {
  return createHmac('sha256', secret).update(parts.join('\0')).digest();
}

export function newVisitorId(): string {
  return `v_${randomBytes(16).toString('base64url')}`;
}

/** The visitor id of a verified site identifier (stable per channel secret). */
export function verifiedVisitorId(identifier: string, secret: string): string {
  return `u_${hmac(secret, 'webchat-visitor', identifier).toString('base64url').slice(0, 22)}`;
}

export function isVerifiedVisitorId(visitorId: string): boolean {
  return visitorId.startsWith('u_');
}

export function issueSessionToken(channelId: string, visitorId: string, secret: string): string {
  return `${visitorId}.${hmac(secret, 'webchat-session', channelId, visitorId).toString('base64url')}`;
}

/** The visitor id a session token was issued for, or null if it is not one of this channel's tokens. */
export function visitorIdOfToken(token: unknown, channelId: string, secret: string): string | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const dot = token.lastIndexOf('.');
  const visitorId = token.slice(0, dot);
  if (dot < 0 || !VISITOR_ID.test(visitorId)) return null;
  const expected = Buffer.from(issueSessionToken(channelId, visitorId, secret));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given) ? visitorId : null;
}

/** The site's proof that it signed the visitor in: hex HMAC-SHA256 of the identifier with the channel secret. */
export function identifierHashOf(identifier: string, secret: string): string {
  return createHmac('sha256', secret).update(identifier).digest('hex');
}

export function isIdentifierHashValid(identifier: string, hash: string, secret: string): boolean {
  const expected = Buffer.from(identifierHashOf(identifier, secret));
  const given = Buffer.from(hash.trim().toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given);
}
