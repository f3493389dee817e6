import { createHash, randomBytes } from 'node:crypto';
import { API_TOKEN_PREFIX } from '@touchpoint/shared';

/** A new token's secret: the prefix and 32 random bytes (base64url). */
export function newApiTokenSecret(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** What is stored and looked up: SHA-256 (hex). The secret is random, so no slow hash is needed. */
export function hashApiTokenSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
