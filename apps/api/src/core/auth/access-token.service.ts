import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AccessTokenClaims } from '@touchpoint/shared';
import { AppConfig } from '../../config/app-config';
import type { AuthUser } from './auth-user';
import { UnauthenticatedException } from './auth.exception';

/** Signs and verifies the short-lived access tokens used by REST and the socket handshake. */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  sign(user: AuthUser): string {
    const claims: AccessTokenClaims = { sub: user.id, role: user.role, email: user.email };
    return this.jwt.sign(claims, {
      secret: this.config.auth.jwtSecret,
      expiresIn: this.config.auth.accessTtlSeconds,
      algorithm: 'HS256',
      issuer: 'touchpoint',
    });
  }

  verify(token: string): AccessTokenClaims {
    try {
      return this.jwt.verify<AccessTokenClaims>(token, {
        secret: this.config.auth.jwtSecret,
        algorithms: ['HS256'],
        issuer: 'touchpoint',
      });
    } catch {
      throw new UnauthenticatedException(
        'Your session has expired or is invalid, sign in again',
        'auth.invalid_token',
      );
    }
  }
}
