import type { Role } from '@touchpoint/shared';

/** The authenticated caller, as checked against the database on each request. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** The caller as services see it, from a user row (only these four fields travel). */
export function toAuthUser(user: AuthUser): AuthUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
