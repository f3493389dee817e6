import { Injectable, Logger, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiTokenSource, type TokenPrincipal } from '../../../core/auth/api-token-source';
import { UnauthenticatedException } from '../../../core/auth/auth.exception';
import { hashApiTokenSecret } from './api-token-secret';

/** `last_used_at` is written at most this often per token, not on every request. */
const LAST_USED_PRECISION_SECONDS = 60;

interface TokenRow {
  id: string;
  scopes: string[];
  expired: boolean;
  revoked: boolean;
  user_id: string | null;
  email: string | null;
  name: string | null;
  role: string | null;
  active: boolean | null;
}

/**
 * API tokens for core's auth guard, read fresh on every request so a revocation, an expiry or its
 * admin leaving takes effect at once. A token acts as the admin who created it (whose name the
 * timeline then shows), limited to its scopes.
 */
@Injectable()
export class ApiTokenPrincipalSource extends ApiTokenSource {
  private readonly logger = new Logger('ApiTokens');

  constructor(@InjectDataSource() private readonly db: DataSource) {
    super();
  }

  async authenticate(secret: string): Promise<TokenPrincipal> {
    const [row]: TokenRow[] = await this.db.query(
      `SELECT t.id, t.scopes, t.expires_at <= now() AS expired, t.revoked_at IS NOT NULL AS revoked,
              u.id AS user_id, u.email, u.name, u.role, u.active
       FROM api_tokens t LEFT JOIN users u ON u.id = t.created_by
       WHERE t.token_hash = $1`,
      [hashApiTokenSecret(secret)],
    );
    if (!row) throw refused('This API token is not valid', 'auth.api_token_invalid');
    if (row.revoked) throw refused('This API token was revoked', 'auth.api_token_revoked');
    if (row.expired) throw refused('This API token has expired', 'auth.api_token_expired');
    if (!row.user_id || !row.active || row.role !== 'admin' || !row.email || !row.name)
      throw refused(
        'The admin who created this API token is no longer an active admin',
        'auth.api_token_owner_inactive',
      );
    void this.touch(row.id);
    return {
      user: { id: row.user_id, email: row.email, name: row.name, role: 'admin' },
      scopes: row.scopes,
    };
  }

  private async touch(id: string): Promise<void> {
    try {
      await this.db.query(
        `UPDATE api_tokens SET last_used_at = now()
         WHERE id = $1 AND (last_used_at IS NULL
           OR last_used_at < now() - make_interval(secs => $2))`,
        [id, LAST_USED_PRECISION_SECONDS],
      );
    } catch (err) {
      this.logger.warn(`Recording the use of API token ${id} failed: ${(err as Error).message}`);
    }
  }
}

function refused(message: string, code: string): UnauthenticatedException {
  return new UnauthenticatedException(message, code);
}

@Module({ providers: [ApiTokenPrincipalSource], exports: [ApiTokenPrincipalSource] })
export class ApiTokenPrincipalModule {}
