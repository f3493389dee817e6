import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { ApiScope, Role } from '@touchpoint/shared';
import type { Request } from 'express';
import type { AuthUser } from './auth-user';

export const PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';
export const SCOPES_KEY = 'auth:scopes';
export const READ_ONLY_MAY_KEY = 'auth:read-only-may';

/** The route needs no login (health, login itself, webhooks verify their own signatures). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only these roles may call the route; without it any logged-in user may. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/**
 * API tokens may call the route if they hold every one of these scopes. A route without it refuses
 * tokens (deny by default); signed-in staff are not affected.
 */
export const RequireScopes = (...scopes: ApiScope[]) => SetMetadata(SCOPES_KEY, scopes);

/**
 * Read-only roles (READ_ONLY_ROLES) may call this changing route too: their own account, their
 * notifications, reading aids. Every other POST, PUT, PATCH and DELETE refuses them.
 */
export const AllowReadOnlyRoles = () => SetMetadata(READ_ONLY_MAY_KEY, true);

/** `scopes`: set when the caller is an API token, which may only use what they allow. */
export type AuthenticatedRequest = Request & { user: AuthUser; scopes?: readonly string[] };

export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthUser =>
    ctx.switchToHttp().getRequest<AuthenticatedRequest>().user,
);
