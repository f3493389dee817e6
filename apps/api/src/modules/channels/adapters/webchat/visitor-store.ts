import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '../../../../core/redis/redis.module';
import { RedisConnectionFactory } from '../../../../core/redis/redis-connection.factory';

/** A socket counts as connected this long after its last heartbeat (socket.io pings every 25 s). */
export const VISITOR_SOCKET_TTL_MS = 75_000;
/** An email address a visitor left is remembered this long (it also lands on the visitor's contact). */
const EMAIL_TTL_SECONDS = 90 * 24 * 3600;

/**
 * What api and worker processes share about website visitors, in Redis:
 * - presence: one sorted set per visitor of its open sockets, scored by expiry and refreshed on every
 *   heartbeat, so a crashed api process cannot keep a visitor online for more than a minute. The
 *   outbound worker (which has no socket server) asks it whether a reply can reach the visitor live.
 * - the email address the visitor left for replies while nobody was online.
 */
@Injectable()
export class VisitorStore {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly factory: RedisConnectionFactory,
  ) {}

  private key(kind: 'online' | 'email', channelId: string, visitorId: string): string {
    return `${this.factory.prefix}:webchat:${kind}:${channelId}:${visitorId}`;
  }

  /** The socket is open (call on connect and on every heartbeat). */
  async socketAlive(channelId: string, visitorId: string, socketId: string): Promise<void> {
    const key = this.key('online', channelId, visitorId);
    await this.redis
      .multi()
      .zadd(key, Date.now() + VISITOR_SOCKET_TTL_MS, socketId)
      .pexpire(key, VISITOR_SOCKET_TTL_MS)
      .exec();
  }

  async socketClosed(channelId: string, visitorId: string, socketId: string): Promise<void> {
    await this.redis.zrem(this.key('online', channelId, visitorId), socketId);
  }

  /** Whether any tab of the visitor has the chat open right now. */
  async isOnline(channelId: string, visitorId: string): Promise<boolean> {
    return (
      (await this.redis.zcount(this.key('online', channelId, visitorId), Date.now(), '+inf')) > 0
    );
  }

  async rememberEmail(channelId: string, visitorId: string, email: string): Promise<void> {
    await this.redis.set(this.key('email', channelId, visitorId), email, 'EX', EMAIL_TTL_SECONDS);
  }

  async email(channelId: string, visitorId: string): Promise<string | null> {
    return this.redis.get(this.key('email', channelId, visitorId));
  }
}
