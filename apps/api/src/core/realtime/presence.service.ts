import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '../redis/redis.module';
import { RedisConnectionFactory } from '../redis/redis-connection.factory';

/**
 * Counts open sockets per user across all api processes. A user is online while at least one
 * socket is open; the counter expires so a crashed process cannot keep someone online forever.
 */
@Injectable()
export class PresenceService {
  private static readonly TTL_SECONDS = 6 * 3600;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly factory: RedisConnectionFactory,
  ) {}

  private key(userId: string): string {
    return `${this.factory.prefix}:presence:${userId}`;
  }

  /** Returns true when this socket made the user come online. */
  async connected(userId: string): Promise<boolean> {
    const [[, count]] = (await this.redis
      .multi()
      .incr(this.key(userId))
      .expire(this.key(userId), PresenceService.TTL_SECONDS)
      .exec()) as [[null, number], [null, number]];
    return count === 1;
  }

  /** Returns true when this socket was the user's last one. */
  async disconnected(userId: string): Promise<boolean> {
    const count = await this.redis.decr(this.key(userId));
    if (count <= 0) {
      await this.redis.del(this.key(userId));
      return true;
    }
    return false;
  }

  async isOnline(userId: string): Promise<boolean> {
    return Number(await this.redis.get(this.key(userId))) > 0;
  }

  /** Of `userIds`, those online now: one round trip. */
  async onlineAmong(userIds: string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const counts = await this.redis.mget(userIds.map((id) => this.key(id)));
    return new Set(userIds.filter((_, i) => Number(counts[i]) > 0));
  }
}
