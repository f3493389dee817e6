import { Injectable, Optional } from '@nestjs/common';
import { API_TOKEN_PREFIX } from '@touchpoint/shared';
import { AccessTokenService } from './access-token.service';
import { ApiTokenSource } from './api-token-source';
import { toAuthUser, type AuthUser } from './auth-user';
import { UnauthenticatedException } from './auth.exception';
import { PrincipalSource } from './principal-source';

/** The caller of a verified access token, and when that token expires (epoch ms). */
export interface Principal {
  user: AuthUser;
  expiresAt: number;
  /** The session version the token was signed with (equal to the user's current one). */
  sessionVersion: number;
}

/**
 * Turns a bearer token into the current user. The user row is read on each call so that a
 * deactivated account, a changed role or an ended session (the session version moved on) takes
 * effect at once, not when the token expires.
 */
@Injectable()
export class PrincipalService {
  constructor(
    private readonly tokens: AccessTokenService,
    private readonly users: PrincipalSource,
    @Optional() private readonly apiTokens?: ApiTokenSource,
  ) {}

  async fromToken(token: string | undefined): Promise<AuthUser> {
    return (await this.authenticate(token)).user;
  }

  /**
   * The caller of an HTTP request: a session's user, or an API token's (with `scopes`, which the
   * guard enforces).
   */
  async fromBearer(
    token: string | undefined,
  ): Promise<{ user: AuthUser; scopes?: readonly string[] }> {
    if (token?.startsWith(API_TOKEN_PREFIX) && this.apiTokens)
      return this.apiTokens.authenticate(token);
    return { user: await this.fromToken(token) };
  }

  /** A session's access token only: API tokens are for HTTP requests, not for live connections. */
  async authenticate(token: string | undefined): Promise<Principal> {
    if (!token) throw new UnauthenticatedException();
    if (token.startsWith(API_TOKEN_PREFIX))
      throw new UnauthenticatedException(
        'API tokens are accepted by the REST API only; the live connection needs a signed-in session',
        'auth.api_token_not_accepted',
      );
    const claims = this.tokens.verify(token);
    const user = await this.users.find(claims.sub);
    if (!user || !user.active) {
      throw new UnauthenticatedException('This account is no longer active', 'auth.inactive');
    }
    if (user.sessionVersion !== claims.sv) {
      throw new UnauthenticatedException(
        'Your session was ended, sign in again',
        'auth.session_ended',
      );
    }
    return { user: toAuthUser(user), expiresAt: claims.exp * 1000, sessionVersion: claims.sv };
  }

  /** Whether a session checked earlier is still on: the user active and the version unchanged. */
  async stillCurrent(userId: string, sessionVersion: number): Promise<boolean> {
    const row = await this.users.find(userId);
    return !!row?.active && row.sessionVersion === sessionVersion;
  }
}

export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}
