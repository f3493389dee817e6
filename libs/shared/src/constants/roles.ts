/**
 * Workspace roles. Agents answer customers; supervisors also watch every queue and step in; the
 * touchpoint manager reads everything (conversations, reports, journeys) and changes the goals teams
 * share, but answers no customer; admins also configure.
 */
export const ROLES = ['agent', 'supervisor', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that act on every conversation and queue, not only their teams' (claim, assign, step in). */
export const OVERSEEING_ROLES: readonly Role[] = ['supervisor', 'admin'];

/** Roles that see every conversation, contact and queue (the touchpoint manager reads only). */
export const SEES_ALL_ROLES: readonly Role[] = ['supervisor', 'manager', 'admin'];

/** Roles that only read: every change but their own account's and the shared goals is refused. */
export const READ_ONLY_ROLES: readonly Role[] = ['manager'];

export const LOCALES = ['de', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
