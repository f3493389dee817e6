import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig } from '../../config/app-config';
import { limitSubjectOf } from '../../core/http/client-address';
import { RateLimiter } from '../../core/rate-limit/rate-limiter';
import { REDIS } from '../../core/redis/redis.module';
import { RedisConnectionFactory } from '../../core/redis/redis-connection.factory';
import { WrongCurrentPasswordException } from '../users/users.exception';
import {
  InvalidCredentialsException,
  TooManySignInsException,
  type PasswordCheck,
} from './auth.exception';

/** The longest wait an account's back-off reaches. */
export const LOGIN_BACKOFF_MAX_SECONDS = 3600;
/** An account's failures are forgotten after a day without one (a success forgets them at once). */
const FAILURES_KEPT_MS = 24 * 3600 * 1000;

/**
 * One attempt on an account, as a hash {f: failures in a row, t: time of the last}. From `threshold`
 * failures on, the next attempt must wait `base * 2^(f - threshold)` ms (at most `cap`) after the
 * last; an attempt that may go ahead counts as a failure until it succeeds. Answers the wait in ms
 * (nothing counted) or 0.
 */
const BACKOFF_SCRIPT = `
local now = tonumber(ARGV[1])
local threshold = tonumber(ARGV[2])
local f = tonumber(redis.call('HGET', KEYS[1], 'f') or '0')
if f >= threshold then
  local last = tonumber(redis.call('HGET', KEYS[1], 't') or '0')
  local wait = last + math.min(tonumber(ARGV[3]) * 2 ^ (f - threshold), tonumber(ARGV[4])) - now
  if wait > 0 then return math.ceil(wait) end
end
redis.call('HSET', KEYS[1], 'f', f + 1, 't', now)
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[5]))
return 0
`;

/**
 * Settles an attempt that went ahead: 'failed' (wrong password) starts the wait when the answer is
 * known, not when the attempt began; 'uncount' takes back an attempt that failed for another reason
 * (e.g. the database).
 */
const SETTLE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if ARGV[1] == 'failed' then
  redis.call('HSET', KEYS[1], 't', ARGV[2])
else
  redis.call('HINCRBY', KEYS[1], 'f', -1)
end
return 0
`;

/** A wrong password for the account, at sign-in or when changing it: the guesses this limiter counts. */
function isWrongPassword(err: unknown): boolean {
  return err instanceof InvalidCredentialsException || err instanceof WrongCurrentPasswordException;
}

interface WithLoginScripts {
  loginBackoff(key: string, ...args: number[]): Promise<number>;
  loginSettle(key: string, outcome: 'failed' | 'uncount', now: number): Promise<number>;
}

/**
 * Sign-in limits that hold whatever address an attacker uses: per account, failures in a row make
 * every further attempt wait longer (doubling, capped; a success resets), and per client address,
 * failed sign-ins across all accounts are limited per window. Both live in Redis, so every api
 * process counts the same. Successful sign-ins do not count, so colleagues behind one office
 * address are not locked out by each other.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly redis: Redis & WithLoginScripts;

  constructor(
    @Inject(REDIS) redis: Redis,
    private readonly factory: RedisConnectionFactory,
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
  ) {
    redis.defineCommand('loginBackoff', { numberOfKeys: 1, lua: BACKOFF_SCRIPT });
    redis.defineCommand('loginSettle', { numberOfKeys: 1, lua: SETTLE_SCRIPT });
    this.redis = redis as Redis & WithLoginScripts;
  }

  /**
   * Runs `signIn` (a sign-in, or anything else that checks the account's password) if neither the
   * account nor the address must wait; throws TooManySignInsException otherwise.
   */
  async attempt<T>(
    email: string,
    address: string,
    signIn: () => Promise<T>,
    check: PasswordCheck = 'sign-in',
  ): Promise<T> {
    const { loginRateLimit, loginRateWindowSeconds, loginAddressRateLimit } = this.config.auth;
    const windowMs = loginRateWindowSeconds * 1000;
    const byAddress = await this.limiter.hit([
      { key: `login:address:${limitSubjectOf(address)}`, limit: loginAddressRateLimit, windowMs },
    ]);
    if (!byAddress.allowed) throw new TooManySignInsException(byAddress.retryAfterMs, check);

    const account = this.accountKey(email);
    const wait = await this.redis.loginBackoff(
      account,
      Date.now(),
      loginRateLimit,
      windowMs,
      LOGIN_BACKOFF_MAX_SECONDS * 1000,
      FAILURES_KEPT_MS,
    );
    if (wait > 0) {
      await byAddress.release();
      throw new TooManySignInsException(wait, check);
    }

    try {
      const result = await signIn();
      await Promise.all([this.redis.del(account), byAddress.release()]);
      return result;
    } catch (err) {
      if (isWrongPassword(err)) {
        await this.redis.loginSettle(account, 'failed', Date.now());
      } else {
        await Promise.all([this.redis.loginSettle(account, 'uncount', 0), byAddress.release()]);
      }
      throw err;
    }
  }

  /** Hashed: no email addresses in Redis, and unknown accounts are counted like real ones. */
  private accountKey(email: string): string {
    const digest = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
    return `${this.factory.prefix}:limit:login:account:${digest}`;
  }
}
