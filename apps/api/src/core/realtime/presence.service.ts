import { Inject, Injectable } from '@nestjs/common';
import type {
  ChosenPresenceStatus,
  PresenceStatus,
  PresenceUpdatedPayload,
} from '@touchpoint/shared';
import type { Redis } from 'ioredis';
import { AppConfig } from '../../config/app-config';
import { REDIS } from '../redis/redis.module';
import { RedisConnectionFactory } from '../redis/redis-connection.factory';

/** A staff socket of this api process: the unit presence is kept alive by. */
export interface PresenceSocket {
  userId: string;
  socketId: string;
  /** The tab had no input for a while (it says so itself). */
  idle?: boolean;
}

/** A user's presence after a change was asked for, and whether this caller is the one to announce it. */
export interface PresenceOutcome {
  presence: PresenceUpdatedPayload;
  changed: boolean;
}

export interface UserPresence {
  status: PresenceStatus;
  /** Away because every open tab has been idle, not by choice. */
  idle: boolean;
}

/**
 * What the scripts compute and keep as announced: `idle` is away by inactivity, told apart from a
 * chosen `away` so that people see why and input can end it.
 */
type Effective = 'online' | 'away' | 'idle' | 'offline';

/**
 * The effective presence of a user from their live sockets (KEYS[2] idle sockets, KEYS[3] chosen
 * status): none → offline; chose away → away; every one idle → idle; else online.
 */
const EFFECTIVE = `
local function effective(live)
  if #live == 0 then return 'offline' end
  if redis.call('GET', KEYS[3]) == 'away' then return 'away' end
  for _, socket in ipairs(live) do
    if redis.call('SISMEMBER', KEYS[2], socket) == 0 then return 'online' end
  end
  return 'idle'
end
`;

/**
 * Shared by the scripts that change presence. KEYS: the user's sockets (sorted set, scored by the
 * last heartbeat), their idle sockets (set), their chosen status (string), the announced presence
 * of all users (hash). ARGV[1] user id, ARGV[2] cutoff (heartbeats at or before it are expired).
 * `settle` compares the effective presence with the announced one and stores it, inside the script:
 * only the one caller that changed it gets `changed = 1`, however many processes look at once.
 * Its time comes from Redis, so updates from several processes are ordered by one clock.
 */
const SETTLE = `${EFFECTIVE}
local function prune()
  local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
  if #expired == 0 then return end
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
  redis.call('SREM', KEYS[2], unpack(expired))
end
local function settle()
  local now = effective(redis.call('ZRANGE', KEYS[1], 0, -1))
  local before = redis.call('HGET', KEYS[4], ARGV[1]) or 'offline'
  local changed = 0
  if now ~= before then
    changed = 1
    if now == 'offline' then redis.call('HDEL', KEYS[4], ARGV[1])
    else redis.call('HSET', KEYS[4], ARGV[1], now) end
  end
  local t = redis.call('TIME')
  return { now, changed, tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) }
end
`;

/** Adds a socket (ARGV[3] socket, [4] now, [5] ttl ms, [6] '1' when the tab is idle). */
const ARRIVE = `${SETTLE}
prune()
redis.call('ZADD', KEYS[1], ARGV[4], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
if ARGV[6] == '1' then
  redis.call('SADD', KEYS[2], ARGV[3])
  redis.call('PEXPIRE', KEYS[2], ARGV[5])
else
  redis.call('SREM', KEYS[2], ARGV[3])
end
return settle()`;

/** Removes a socket (ARGV[3]). */
const LEAVE = `${SETTLE}
redis.call('ZREM', KEYS[1], ARGV[3])
redis.call('SREM', KEYS[2], ARGV[3])
prune()
return settle()`;

/**
 * A socket's tab became idle or active (ARGV[3] socket, [4] '1' idle, [5] ttl ms). Ignored for a
 * socket no longer counted, so a late message never brings a closed tab back.
 */
const ACTIVITY = `${SETTLE}
prune()
if redis.call('ZSCORE', KEYS[1], ARGV[3]) then
  if ARGV[4] == '1' then
    redis.call('SADD', KEYS[2], ARGV[3])
    redis.call('PEXPIRE', KEYS[2], ARGV[5])
  else
    redis.call('SREM', KEYS[2], ARGV[3])
  end
end
return settle()`;

/** The user chooses a status (ARGV[3]); only `away` is kept, `online` is the absence of a choice. */
const CHOOSE = `${SETTLE}
prune()
if ARGV[3] == 'away' then redis.call('SET', KEYS[3], 'away') else redis.call('DEL', KEYS[3]) end
return settle()`;

/** Drops expired sockets and announces what that changed (a crashed process's tabs). */
const REAP = `${SETTLE}
prune()
return settle()`;

/** Read only (KEYS: sockets, idle sockets, chosen status; ARGV[1] cutoff): the effective presence. */
const READ = `${EFFECTIVE}
return effective(redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. ARGV[1], '+inf'))`;

function toPayload(userId: string, effective: Effective, atMs: number): PresenceUpdatedPayload {
  const status: PresenceStatus = effective === 'idle' ? 'away' : effective;
  return { userId, status, idle: effective === 'idle', at: new Date(atMs).toISOString() };
}

/**
 * Staff presence across all api processes, kept alive by heartbeats (as the website visitors' is):
 * one sorted set per user of their open sockets, scored by the last time their process vouched
 * for them, so a crashed process keeps nobody present for longer than the TTL. Beside it, per user,
 * the set of their sockets whose tab is idle and the status they chose; and for all users the
 * presence last announced, from which `reap` finds whose presence the expiry changed.
 *
 * The effective presence: no live socket → offline; chose away → away; every socket idle → away
 * (idle); else online. The chosen status is a Redis key without expiry, since presence lives in
 * Redis only and is rebuilt from live sockets: should Redis lose its data, a user who chose away is
 * online again as soon as their sockets heartbeat, which errs on the side of customers being
 * answered.
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

  private keys(userId: string): [string, string, string, string] {
    const base = `${this.factory.prefix}:presence`;
    return [
      `${base}:user:${userId}`,
      `${base}:idle:${userId}`,
      `${base}:chosen:${userId}`,
      this.announcedKey,
    ];
  }

  /** A hash of user id → announced presence (not the set of earlier versions, hence the name). */
  private get announcedKey(): string {
    return `${this.factory.prefix}:presence:announced-status`;
  }

  private cutoff(now = Date.now()): number {
    return now - this.ttlMs;
  }

  private async change(
    script: string,
    userId: string,
    ...args: (string | number)[]
  ): Promise<PresenceOutcome> {
    const result = await this.redis.eval(
      script,
      4,
      ...this.keys(userId),
      userId,
      this.cutoff(),
      ...args,
    );
    return this.outcome(userId, result);
  }

  private outcome(userId: string, result: unknown): PresenceOutcome {
    const [effective, changed, at] = result as [Effective, number, number];
    return { presence: toPayload(userId, effective, at), changed: changed === 1 };
  }

  /** Counts a socket; `changed` when it made the user's presence change (came online, woke up). */
  async connected({ userId, socketId, idle }: PresenceSocket): Promise<PresenceOutcome> {
    return this.change(ARRIVE, userId, socketId, Date.now(), this.ttlMs, idle ? '1' : '0');
  }

  /** Takes a socket out; `changed` when it was the user's last live one or their last active one. */
  async disconnected({ userId, socketId }: PresenceSocket): Promise<PresenceOutcome> {
    return this.change(LEAVE, userId, socketId);
  }

  /** A counted socket's tab became idle or active again. */
  async activity({ userId, socketId, idle }: PresenceSocket): Promise<PresenceOutcome> {
    return this.change(ACTIVITY, userId, socketId, idle ? '1' : '0', this.ttlMs);
  }

  /** The user chose a status; kept until they choose again. */
  async choose(userId: string, status: ChosenPresenceStatus): Promise<PresenceOutcome> {
    return this.change(CHOOSE, userId, status);
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
      const [live, idle] = this.keys(userId);
      // Whether the entry is still there is read from ZSCORE: ZADD's CH count is 0 also when the
      // new score equals the old one (a heartbeat in the millisecond of the connect).
      pipeline
        .zadd(live, 'XX', now, socketId)
        .zscore(live, socketId)
        .pexpire(live, this.ttlMs)
        .pexpire(idle, this.ttlMs);
    }
    const results = (await pipeline.exec()) ?? [];
    return sockets.filter((_, i) => results[4 * i + 1]?.[1] === null);
  }

  /**
   * Presence changes caused by expired sockets (a process that crashed), each returned to exactly
   * one caller across all processes.
   */
  async reap(): Promise<PresenceUpdatedPayload[]> {
    const userIds = await this.redis.hkeys(this.announcedKey);
    if (userIds.length === 0) return [];
    const cutoff = this.cutoff();
    const pipeline = this.redis.pipeline();
    for (const id of userIds) pipeline.eval(REAP, 4, ...this.keys(id), id, cutoff);
    const results = (await pipeline.exec()) ?? [];
    return userIds.flatMap((id, i) => {
      const [err, result] = results[i] ?? [];
      if (err || !result) return [];
      const { presence, changed } = this.outcome(id, result);
      return changed ? [presence] : [];
    });
  }

  /** Each user's effective presence, `idle` telling away by inactivity: one round trip. */
  async presenceAmong(userIds: string[]): Promise<Map<string, UserPresence>> {
    const found = new Map<string, UserPresence>();
    if (userIds.length === 0) return found;
    const cutoff = this.cutoff();
    const pipeline = this.redis.pipeline();
    for (const id of userIds) pipeline.eval(READ, 3, ...this.keys(id).slice(0, 3), cutoff);
    const results = (await pipeline.exec()) ?? [];
    userIds.forEach((id, i) => {
      const [err, effective] = results[i] ?? [];
      if (err) throw err;
      const { status, idle = false } = toPayload(id, effective as Effective, 0);
      found.set(id, { status, idle });
    });
    return found;
  }

  /** Each user's effective status (online, away, offline): one round trip for all of them. */
  async statusAmong(userIds: string[]): Promise<Map<string, PresenceStatus>> {
    const presence = await this.presenceAmong(userIds);
    return new Map([...presence].map(([id, { status }]) => [id, status]));
  }

  async isOnline(userId: string): Promise<boolean> {
    return (await this.onlineAmong([userId])).has(userId);
  }

  /** Of `userIds`, those present and not away (by choice or inactivity): one round trip. */
  async onlineAmong(userIds: string[]): Promise<Set<string>> {
    const status = await this.statusAmong(userIds);
    return new Set(userIds.filter((id) => status.get(id) === 'online'));
  }
}
