import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';
import { limitSubjectOf } from '../../../../core/http/client-address';

/** Form posts per client address and form (the limits are on the route's @Throttle). */
export const FORM_RATE_LIMIT = 10;
export const FORM_RATE_WINDOW_MS = 10 * 60 * 1000;

/**
 * Counts a client's posts per form, in Redis, so every api process sees the same count. `req.ip`
 * is the client address by the TRUST_PROXY rule, so X-Forwarded-For counts only from trusted proxies;
 * IPv6 clients count by their /64.
 */
@Injectable()
export class FormThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Request): Promise<string> {
    const channelId = typeof req.params['channelId'] === 'string' ? req.params['channelId'] : '';
    return `form:${channelId.slice(0, 64)}:${limitSubjectOf(req.ip ?? '')}`;
  }
}
