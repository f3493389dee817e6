import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { EMPTY, type Observable } from 'rxjs';
import { respondAccepted } from './form-response';

/**
 * A post whose hidden `website` field is filled comes from a bot: it gets the normal success answer
 * and nothing is stored. Runs before validation (interceptors precede pipes), so a bot's sloppy other
 * fields do not give it away either.
 */
@Injectable()
export class FormHoneypotInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<Request>();
    const website = (req.body as { website?: unknown } | undefined)?.website;
    const filled = typeof website === 'string' ? website.trim() !== '' : website != null;
    if (!filled) return next.handle();
    respondAccepted(req, ctx.switchToHttp().getResponse<Response>());
    return EMPTY;
  }
}
