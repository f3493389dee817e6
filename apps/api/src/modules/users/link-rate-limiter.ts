import { Injectable } from '@nestjs/common';
import { limitSubjectOf } from '../../core/http/client-address';
import { RateLimiter } from '../../core/rate-limit/rate-limiter';
import { LinkUnavailableException, TooManyLinkAttemptsException } from './invitations.exception';

/**
 * Links that do not work (unknown, expired, used) one client address may present per window. Only
 * those count: a colleague who opens their link again and again is never held up.
 */
export const LINK_FAILURES_PER_ADDRESS = { count: 30, windowMs: 15 * 60_000 } as const;

/** Per-address limit of the public link routes, counted in Redis across every api process. */
@Injectable()
export class LinkRateLimiter {
  constructor(private readonly limiter: RateLimiter) {}

  /** Runs `use` unless the address must wait (TooManyLinkAttemptsException then). */
  async attempt<T>(address: string, use: () => Promise<T>): Promise<T> {
    const hit = await this.limiter.hit([
      {
        key: `links:address:${limitSubjectOf(address)}`,
        limit: LINK_FAILURES_PER_ADDRESS.count,
        windowMs: LINK_FAILURES_PER_ADDRESS.windowMs,
      },
    ]);
    if (!hit.allowed) throw new TooManyLinkAttemptsException(hit.retryAfterMs);
    try {
      const result = await use();
      await hit.release();
      return result;
    } catch (err) {
      if (!(err instanceof LinkUnavailableException)) await hit.release();
      throw err;
    }
  }
}
