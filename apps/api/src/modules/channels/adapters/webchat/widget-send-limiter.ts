import { Injectable } from '@nestjs/common';
import { WIDGET_SEND_LIMIT } from '@touchpoint/shared';
import { limitSubjectOf } from '../../../../core/http/client-address';
import { RateLimiter } from '../../../../core/rate-limit/rate-limiter';

/**
 * Messages one client address may send per window, across visitors: a new socket is a new anonymous
 * visitor, so the per-visitor limit alone is no limit. Room for a few people behind one address.
 */
export const WIDGET_ADDRESS_SEND_LIMIT = { count: 40, windowMs: 60_000 } as const;

/**
 * What a website visitor may send (messages, an email address): per visitor (all its tabs and
 * sockets) and per client address, counted in Redis across every api process.
 */
@Injectable()
export class WidgetSendLimiter {
  constructor(private readonly limiter: RateLimiter) {}

  async tryAcquire(
    visitor: { channelId: string; visitorId: string },
    address: string,
  ): Promise<boolean> {
    const hit = await this.limiter.hit([
      {
        key: `webchat:visitor:${visitor.channelId}:${visitor.visitorId}`,
        limit: WIDGET_SEND_LIMIT.count,
        windowMs: WIDGET_SEND_LIMIT.windowMs,
      },
      {
        key: `webchat:address:${limitSubjectOf(address)}`,
        limit: WIDGET_ADDRESS_SEND_LIMIT.count,
        windowMs: WIDGET_ADDRESS_SEND_LIMIT.windowMs,
      },
    ]);
    return hit.allowed;
  }
}
