/**
 * What an API token may do. A token sees what an admin sees, limited to these scopes; a route that
 * declares no scope refuses tokens altogether.
 */
export const API_SCOPES = [
  'conversations:read',
  'conversations:write',
  'contacts:read',
  'contacts:write',
  'marketing:read',
  'webhooks:manage',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** The secret of every API token starts with this, so a bearer token is told from a session's. */
export const API_TOKEN_PREFIX = 'tp_';
