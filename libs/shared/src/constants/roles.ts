/** Workspace roles. Agents answer customers; supervisors also watch every queue; admins also configure. */
export const ROLES = ['agent', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that see every conversation and queue, not only their teams'. */
export const OVERSEEING_ROLES: readonly Role[] = ['supervisor', 'admin'];

export const LOCALES = ['de', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
