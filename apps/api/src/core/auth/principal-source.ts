import type { AuthUser } from './auth-user';

/** What a session check needs to know about an account. */
export interface PrincipalRecord extends AuthUser {
  active: boolean;
  sessionVersion: number;
}

/**
 * Where accounts are looked up. Core only checks tokens and sessions; the domain that owns
 * accounts provides this (see `AuthCoreModule.forRoot`), so core never depends on it.
 */
export abstract class PrincipalSource {
  abstract find(userId: string): Promise<PrincipalRecord | null>;
}
