import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AccessTokenClaims } from '@touchpoint/shared';
import { AppConfig } from '../../config/app-config';
import type { AuthUser } from './auth-user';
import { UnauthenticatedException } from './auth.exception';

/** What a verified access token says: whose it is, of which session version, and until when. */
export type VerifiedClaims = AccessTokenClaims & { exp: number };

/** Signs and verifies the short-lived access tokens used by REST and the socket handshake. */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  /** `sessionVersion` is the user's current one: raising it later ends this token. */
  sign(user: AuthUser, sessionVersion: number): string {
    const claims: AccessTokenClaims = {
      sub: user.id,
      role: user.role,
      email: user.email,
      sv: sessionVersion,
    };
    return this.jwt.sign(claims, {
      secret: this.config.auth.jwtSecret,
      expiresIn: this.config.auth.accessTtlSeconds,
      algorithm: 'HS256',
      issuer: 'touchpoint',
    });
  }

  verify(token: string): VerifiedClaims {
    let claims: AccessTokenClaims;
    try {
      claims = this.jwt.verify<AccessTokenClaims>(token, {
        secret: this.config.auth.jwtSecret,
        algorithms: ['HS256'],
        issuer: 'touchpoint',
      });
    } catch {
      throw invalidToken();
    }
    // The library accepts tokens without `exp`: such a token would never end, so it is refused.
    if (
      typeof claims.exp !== 'number' ||
      typeof claims.sub !== 'string' ||
      !Number.isInteger(claims.sv)
    ) {
      throw invalidToken();
    }
    return { ...claims, exp: claims.exp };
  }
}

function invalidToken(): UnauthenticatedException {
  return new UnauthenticatedException(
    'Your session has expired or is invalid, sign in again',
    'auth.invalid_token',
  );
}
