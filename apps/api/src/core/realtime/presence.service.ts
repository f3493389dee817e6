import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig } from '../../config/app-config';
import { REDIS } from '../redis/redis.module';
import { RedisConnectionFactory } from '../redis/redis-connection.factory';

/** A staff socket of this api process: the unit presence is kept alive by. */
export interface PresenceSocket {
  userId: string;
  socketId: string;
}

/**
 * Drops a user's expired sockets (ARGV[2] is the cutoff) and, when none is left, takes the user out
 * of the set of users announced online. Returns 1 only to the one caller that took them out, so
 * going offline is announced once however many processes look.
 */
const REAP = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
if redis.call('ZCARD', KEYS[1]) > 0 then return 0 end
return redis.call('SREM', KEYS[2], ARGV[1])`;

/** Adds a socket (ARGV: user, socket, now, cutoff, ttl); returns 1 when the user had no live socket. */
const ARRIVE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[4])
local before = redis.call('ZCARD', KEYS[1])
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('SADD', KEYS[2], ARGV[1])
if before == 0 then return 1 end
return 0`;

/** Removes a socket (ARGV: user, socket, cutoff); returns 1 when it was the user's last live one. */
const LEAVE = `
redis.call('ZREM', KEYS[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
if redis.call('ZCARD', KEYS[1]) > 0 then return 0 end
return redis.call('SREM', KEYS[2], ARGV[1])`;

/**
 * Staff presence across all api processes, kept alive by heartbeats (as the website visitors' is):
 * one sorted set per user of their open sockets, scored by the last time their process vouched
 * for them. A user is online while any socket was seen within the TTL, so a crashed process
 * keeps nobody online for longer than that. Beside them, the set of users announced online, from
 * which `reap` finds those whose last socket expired, to announce them offline.
 */
@Injectable()
export class PresenceService {
  readonly ttlMs: number;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly factory: RedisConnectionFactory,
    config: AppConfig,
  ) {
    this.ttlMs = config.presence.ttlMs;
  }

  private key(userId: string): string {
    return `${this.factory.prefix}:presence:user:${userId}`;
  }

  private get announcedKey(): string {
    return `${this.factory.prefix}:presence:announced`;
  }

  private cutoff(now = Date.now()): number {
    return now - this.ttlMs;
  }

  /** Returns true when this socket made the user come online. */
  async connected({ userId, socketId }: PresenceSocket): Promise<boolean> {
    const now = Date.now();
    const cameOnline = await this.redis.eval(
      ARRIVE,
      2,
      this.key(userId),
      this.announcedKey,
      userId,
      socketId,
      now,
      this.cutoff(now),
      this.ttlMs,
    );
    return cameOnline === 1;
  }

  /** Returns true when this socket was the user's last live one (and nobody announced it yet). */
  async disconnected({ userId, socketId }: PresenceSocket): Promise<boolean> {
    const wentOffline = await this.redis.eval(
      LEAVE,
      2,
      this.key(userId),
      this.announcedKey,
      userId,
      socketId,
      this.cutoff(),
    );
    return wentOffline === 1;
  }

  /**
   * The heartbeat of one process for all its sockets, in one round trip. Only refreshes entries
   * that exist, so a socket that closed meanwhile is not brought back; returns the sockets whose
   * entry was gone (expired while the process stalled, or Redis lost it), to be counted again.
   */
  async heartbeat(sockets: PresenceSocket[]): Promise<PresenceSocket[]> {
    if (sockets.length === 0) return [];
    const now = Date.now();
    const pipeline = this.redis.pipeline();
    for (const { userId, socketId } of sockets) {
      pipeline
        .zadd(this.key(userId), 'XX', 'CH', now, socketId)
        .pexpire(this.key(userId), this.ttlMs);
    }
    const results = (await pipeline.exec()) ?? [];
    return sockets.filter((_, i) => results[2 * i]?.[1] !== 1);
  }

  /** Users whose last socket expired, each returned to exactly one caller across all processes. */
  async reap(): Promise<string[]> {
    const userIds = await this.redis.smembers(this.announcedKey);
    if (userIds.length === 0) return [];
    const cutoff = this.cutoff();
    const pipeline = this.redis.pipeline();
    for (const id of userIds) pipeline.eval(REAP, 2, this.key(id), this.announcedKey, id, cutoff);
    const results = (await pipeline.exec()) ?? [];
    return userIds.filter((_, i) => results[i]?.[1] === 1);
  }

  async isOnline(userId: string): Promise<boolean> {
    return (await this.onlineAmong([userId])).has(userId);
  }

  /** Of `userIds`, those with a live socket now: one round trip. */
  async onlineAmong(userIds: string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const pipeline = this.redis.pipeline();
    for (const id of userIds) pipeline.zcount(this.key(id), `(${this.cutoff()}`, '+inf');
    const results = (await pipeline.exec()) ?? [];
    return new Set(userIds.filter((_, i) => Number(results[i]?.[1]) > 0));
  }
}
