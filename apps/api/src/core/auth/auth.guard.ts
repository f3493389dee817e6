import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { READ_ONLY_ROLES, type Role } from '@touchpoint/shared';
import {
  PUBLIC_KEY,
  READ_ONLY_MAY_KEY,
  ROLES_KEY,
  SCOPES_KEY,
  type AuthenticatedRequest,
} from './auth.decorators';
import { ForbiddenException } from './auth.exception';
import { bearerToken, PrincipalService } from './principal.service';

/**
 * Global guard: every HTTP route needs a valid bearer token unless marked @Public(), and the roles of
 * @Roles(). The bearer is a session's access token or an API token; an API token also needs every
 * scope of the route's @RequireScopes(), and a route without one refuses it. A read-only role reads
 * and changes only what @AllowReadOnlyRoles() routes offer (deny by default).
 */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly principals: PrincipalService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.principals.fromBearer(bearerToken(req.headers.authorization));
    req.user = principal.user;
    if (principal.scopes) {
      req.scopes = principal.scopes;
      const needed = this.reflector.getAllAndOverride<string[] | undefined>(SCOPES_KEY, targets);
      if (!needed?.length)
        throw new ForbiddenException('API tokens cannot use this route: it declares no scope');
      const missing = needed.filter((s) => !principal.scopes?.includes(s));
      if (missing.length)
        throw new ForbiddenException(`This API token lacks the scope ${missing.join(', ')}`);
    }

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(req.user.role)) {
      throw new ForbiddenException(`This needs the role ${roles.join(' or ')}`);
    }
    if (
      READ_ONLY_ROLES.includes(req.user.role) &&
      !SAFE_METHODS.has(req.method) &&
      !this.reflector.getAllAndOverride<boolean>(READ_ONLY_MAY_KEY, targets)
    )
      throw new ForbiddenException(
        `The role ${req.user.role} reads conversations, reports and journeys but changes none of them`,
      );
    return true;
  }
}
