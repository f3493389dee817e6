import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '../redis/redis.module';
import { RedisConnectionFactory } from '../redis/redis-connection.factory';

/** At most `limit` hits per sliding `windowMs` under `key` (a name without the installation prefix). */
export interface Limit {
  key: string;
  limit: number;
  windowMs: number;
}

export type Hit =
  { allowed: true; release(): Promise<void> } | { allowed: false; retryAfterMs: number };

/**
 * Counts a hit under every key or under none: if one limit is reached, nothing is recorded and the
 * answer says how long until all of them have room. One sorted set of hit times per key.
 */
const HIT_SCRIPT = `
local now = tonumber(ARGV[1])
local wait = 0
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[1 + 2 * i])
  local window = tonumber(ARGV[2 + 2 * i])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local count = redis.call('ZCARD', key)
  if count >= limit then
    local oldest = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
    wait = math.max(wait, tonumber(oldest[2]) + window - now)
  end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[2])
  redis.call('PEXPIRE', key, tonumber(ARGV[2 + 2 * i]))
end
return 0
`;

interface WithHitScript {
  rateLimitHit(...keysThenArgs: (string | number)[]): Promise<number>;
}

/**
 * Sliding-window limits in Redis, so every api process counts the same hits (a visitor's sockets
 * and a client's requests may land on any of them).
 */
@Injectable()
export class RateLimiter {
  private readonly redis: Redis & WithHitScript;

  constructor(
    @Inject(REDIS) redis: Redis,
    private readonly factory: RedisConnectionFactory,
  ) {
    redis.defineCommand('rateLimitHit', { lua: HIT_SCRIPT });
    this.redis = redis as Redis & WithHitScript;
  }

  /** Records one hit under every limit, or refuses (recording nothing) when any of them is full. */
  async hit(limits: Limit[], now = Date.now()): Promise<Hit> {
    const member = `${now}:${randomUUID()}`;
    const keys = limits.map((l) => this.key(l.key));
    const wait = await this.redis.rateLimitHit(
      keys.length,
      ...keys,
      now,
      member,
      ...limits.flatMap((l) => [l.limit, l.windowMs]),
    );
    if (wait > 0) return { allowed: false, retryAfterMs: wait };
    return {
      allowed: true,
      // Gives the hit back (e.g. a sign-in that succeeded is no attempt against the limit).
      release: async () => {
        await Promise.all(keys.map((k) => this.redis.zrem(k, member)));
      },
    };
  }

  private key(name: string): string {
    return `${this.factory.prefix}:limit:${name}`;
  }
}
