import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { uuidSchema } from '@touchpoint/shared';
import { DataSource, IsNull, LessThan, type EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { InvalidRefreshTokenException, RefreshTokenReusedException } from './users.exception';
import { RefreshToken } from './refresh-token.entity';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Token format: `<row id>.<random secret>`; only the secret's hash is stored. */
function parse(token: string): { id: string; secret: string } | undefined {
  const match = token.match(/^([0-9a-f-]{36})\.([A-Za-z0-9_-]{40,100})$/);
  // Only a real UUID reaches the uuid column: `------…` would be a database error, not a 401.
  return match && uuidSchema.safeParse(match[1]).success
    ? { id: match[1], secret: match[2] }
    : undefined;
}

type Rotated = { userId: string; token: string; sessionVersion: number };
type RotationOutcome = ({ kind: 'rotated' } & Rotated) | { kind: 'invalid' } | { kind: 'reused' };

/**
 * Rotating refresh tokens with reuse detection: every refresh replaces the token; presenting a
 * replaced token again means it was stolen or copied, so the whole family (that login) is revoked.
 */
@Injectable()
export class RefreshTokenService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  async issue(
    userId: string,
    userAgent: string | undefined,
    m: EntityManager = this.db.manager,
  ): Promise<string> {
    return this.insert(m, userId, randomUUID(), userAgent);
  }

  /**
   * Returns the user id, a new token and the user's session version, or throws 401 (revoking the
   * family on reuse).
   */
  async rotate(token: string, userAgent: string | undefined): Promise<Rotated> {
    const parsed = parse(token);
    if (!parsed) throw new InvalidRefreshTokenException();

    // The family revocation must commit even though the caller gets a 401, so decide inside, throw outside.
    const outcome = await this.db.transaction(async (m): Promise<RotationOutcome> => {
      const repo = m.getRepository(RefreshToken);
      const owner = await repo.findOne({ where: { id: parsed.id }, select: { userId: true } });
      if (!owner) return { kind: 'invalid' };
      // The user row first (as ending the sessions does, so neither waits for the other in a
      // circle): a rotation and the end of all sessions happen one after the other, never interleaved.
      const users: { active: boolean; session_version: number }[] = await m.query(
        'SELECT active, session_version FROM users WHERE id = $1 FOR SHARE',
        [owner.userId],
      );
      const row = await repo.findOne({
        where: { id: parsed.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row || !safeEqual(row.tokenHash, sha256(parsed.secret))) return { kind: 'invalid' };
      if (row.revokedAt) {
        await repo.update(
          { familyId: row.familyId, revokedAt: IsNull() },
          { revokedAt: new Date() },
        );
        return { kind: row.replacedById ? 'reused' : 'invalid' };
      }
      if (row.expiresAt.getTime() <= Date.now()) return { kind: 'invalid' };
      if (!users[0]?.active) return { kind: 'invalid' };

      const next = await this.insert(m, row.userId, row.familyId, userAgent);
      await repo.update(row.id, { revokedAt: new Date(), replacedById: next.split('.')[0] });
      return {
        kind: 'rotated',
        userId: row.userId,
        token: next,
        sessionVersion: users[0].session_version,
      };
    });

    if (outcome.kind === 'reused') throw new RefreshTokenReusedException();
    if (outcome.kind === 'invalid') throw new InvalidRefreshTokenException();
    return {
      userId: outcome.userId,
      token: outcome.token,
      sessionVersion: outcome.sessionVersion,
    };
  }

  /** Ends the login the token belongs to. Unknown tokens are ignored: logging out twice is fine. */
  async revokeFamily(token: string): Promise<void> {
    const parsed = parse(token);
    if (!parsed) return;
    const repo = this.db.getRepository(RefreshToken);
    const row = await repo.findOne({ where: { id: parsed.id } });
    if (!row || !safeEqual(row.tokenHash, sha256(parsed.secret))) return;
    await repo.update({ familyId: row.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Deletes tokens that expired more than a day ago; returns how many. */
  async purgeExpired(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - 24 * 3600 * 1000);
    const result = await this.db
      .getRepository(RefreshToken)
      .delete({ expiresAt: LessThan(cutoff) });
    return result.affected ?? 0;
  }

  private async insert(
    m: EntityManager,
    userId: string,
    familyId: string,
    userAgent: string | undefined,
  ): Promise<string> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    await m.getRepository(RefreshToken).insert({
      id,
      userId,
      familyId,
      tokenHash: sha256(secret),
      expiresAt: new Date(Date.now() + this.config.auth.refreshTtlSeconds * 1000),
      userAgent: userAgent?.slice(0, 300) ?? null,
    });
    return `${id}.${secret}`;
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
