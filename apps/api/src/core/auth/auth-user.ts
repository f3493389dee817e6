import type { Role } from '@touchpoint/shared';

/** The authenticated caller, as checked against the database on each request. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}
