import type { AuthUser } from './auth-user';

/** The caller of an API token: the user it acts as, limited to its scopes. */
export interface TokenPrincipal {
  user: AuthUser;
  scopes: readonly string[];
}

/**
 * Where API tokens are looked up. Core only tells a token from a session and enforces scopes; the
 * module that owns tokens provides this (see `AuthCoreModule.forRoot`). `authenticate` throws
 * `UnauthenticatedException` for an unknown, revoked or expired token.
 */
export abstract class ApiTokenSource {
  abstract authenticate(secret: string): Promise<TokenPrincipal>;
}
