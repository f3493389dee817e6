import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { UserLinkPurpose } from '@touchpoint/shared';
import type { EntityManager } from 'typeorm';

/** The token in a link: 32 random bytes, base64url (43 characters). */
const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Only this is stored: whoever reads the table cannot use a link. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A link as the person who holds it finds it. */
export interface StoredLink {
  userId: string;
  name: string;
  email: string;
  userActive: boolean;
  purpose: UserLinkPurpose;
  expiresAt: Date;
  usedAt: Date | null;
  /** Not expired, by the database's clock (the one every check uses). */
  open: boolean;
}

interface LinkRow {
  user_id: string;
  name: string;
  email: string;
  active: boolean;
  purpose: UserLinkPurpose;
  expires_at: Date;
  used_at: Date | null;
  open: boolean;
}

/**
 * The one-time links of `user_tokens`, for the users module's services. Every call takes the
 * manager of the caller's transaction.
 */
@Injectable()
export class UserTokenRepository {
  /** Stores a new link's hash; answers the token itself (never stored) and its expiry. */
  async create(
    m: EntityManager,
    link: { userId: string; purpose: UserLinkPurpose; ttlSeconds: number; createdBy: string },
  ): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    const rows: { expires_at: Date }[] = await m.query(
      `INSERT INTO user_tokens (user_id, purpose, token_hash, expires_at, created_by)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4), $5) RETURNING expires_at`,
      [link.userId, link.purpose, hashToken(token), link.ttlSeconds, link.createdBy],
    );
    return { token, expiresAt: rows[0].expires_at };
  }

  /** Every link of the user that still works stops working (it reads as expired). */
  async endOpen(m: EntityManager, userId: string): Promise<void> {
    await m.query(
      `UPDATE user_tokens SET expires_at = now()
       WHERE user_id = $1 AND used_at IS NULL AND expires_at > now()`,
      [userId],
    );
  }

  /**
   * Deletes links that ended (used, or expired) more than `days` ago; until then a late click
   * still hears "used" or "expired" rather than "unknown". Returns how many.
   */
  async purgeEnded(m: EntityManager, days: number): Promise<number> {
    const [, affected]: [unknown, number] = await m.query(
      `DELETE FROM user_tokens
        WHERE COALESCE(used_at, expires_at) < now() - make_interval(days => $1)`,
      [days],
    );
    return affected;
  }

  /** The link of `token`; undefined for a token that is malformed or was never issued. */
  async find(m: EntityManager, token: string): Promise<StoredLink | undefined> {
    if (!TOKEN_PATTERN.test(token)) return undefined;
    const rows: LinkRow[] = await m.query(
      `SELECT t.user_id, u.name, u.email, u.active, t.purpose, t.expires_at, t.used_at,
              t.expires_at > now() AS open
       FROM user_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1`,
      [hashToken(token)],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      userId: row.user_id,
      name: row.name,
      email: row.email,
      userActive: row.active,
      purpose: row.purpose,
      expiresAt: row.expires_at,
      usedAt: row.used_at,
      open: row.open,
    };
  }

  /**
   * Marks the link used if it still works and its user is active, and answers whose it is;
   * undefined otherwise. One statement decides: of two concurrent calls, the second waits for the
   * first's row lock, then finds the link used.
   */
  async consume(
    m: EntityManager,
    token: string,
  ): Promise<{ userId: string; purpose: UserLinkPurpose } | undefined> {
    if (!TOKEN_PATTERN.test(token)) return undefined;
    // An UPDATE answers [rows, row count].
    const [rows]: [{ user_id: string; purpose: UserLinkPurpose }[], number] = await m.query(
      `UPDATE user_tokens t SET used_at = now() FROM users u
       WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now()
         AND u.id = t.user_id AND u.active
       RETURNING t.user_id, t.purpose`,
      [hashToken(token)],
    );
    const row = rows[0];
    return row ? { userId: row.user_id, purpose: row.purpose } : undefined;
  }
}
