import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { fileRedisPrefix } from '../../../test/helpers/test-database';
import { AppConfig } from '../../config/app-config';
import { RedisConnectionFactory } from '../redis/redis-connection.factory';
import { PresenceService } from './presence.service';

/** The presence rules on the real Redis, without sockets: expiry and concurrency made quick. */
describe('PresenceService', () => {
  let factory: RedisConnectionFactory;
  let redis: Redis;
  let presence: PresenceService;
  let prefix: string;

  beforeAll(() => {
    prefix = fileRedisPrefix();
    const config = AppConfig.load({
      STORAGE_DIR: mkdtempSync(join(tmpdir(), 'touchpoint-presence-')),
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: prefix,
      PRESENCE_TTL_SECONDS: '60',
    });
    factory = new RedisConnectionFactory(config);
    redis = factory.create('commands');
    presence = new PresenceService(redis, factory, config);
  });
  afterAll(() => factory.onApplicationShutdown());

  const user = () => randomUUID();
  const socket = () => randomUUID();
  /** As if the socket's process last vouched for it longer ago than the TTL. */
  const expire = (userId: string, socketId: string) =>
    redis.zadd(`${prefix}:presence:user:${userId}`, Date.now() - 2 * presence.ttlMs, socketId);

  it('tells the presence of many users in one call: offline, online, away by choice, away by inactivity', async () => {
    const [none, active, chose, idle] = [user(), user(), user(), user()];
    await presence.connected({ userId: active, socketId: socket() });
    await presence.connected({ userId: chose, socketId: socket() });
    await presence.choose(chose, 'away');
    await presence.connected({ userId: idle, socketId: socket(), idle: true });
    await presence.connected({ userId: idle, socketId: socket(), idle: true });

    expect(await presence.statusAmong([none, active, chose, idle])).toEqual(
      new Map([
        [none, 'offline'],
        [active, 'online'],
        [chose, 'away'],
        [idle, 'away'],
      ]),
    );
    expect(await presence.presenceAmong([chose, idle])).toEqual(
      new Map([
        [chose, { status: 'away', idle: false }],
        [idle, { status: 'away', idle: true }],
      ]),
    );
    expect(await presence.onlineAmong([none, active, chose, idle])).toEqual(new Set([active]));
    expect(await presence.statusAmong([])).toEqual(new Map());
  });

  it('keeps a chosen away while the user has no tab open, and shows it when they return', async () => {
    const id = user();
    const tab = socket();
    await presence.connected({ userId: id, socketId: tab });
    expect((await presence.choose(id, 'away')).changed).toBe(true);
    const gone = await presence.disconnected({ userId: id, socketId: tab });
    expect(gone).toMatchObject({ changed: true, presence: { status: 'offline' } });
    // Chosen while offline: nothing to announce, the choice is kept.
    expect((await presence.choose(id, 'away')).changed).toBe(false);
    const back = await presence.connected({ userId: id, socketId: socket() });
    expect(back).toMatchObject({ changed: true, presence: { status: 'away', idle: false } });
  });

  it('gives each change to exactly one of many callers at once', async () => {
    const id = user();
    const arrivals = await Promise.all(
      Array.from({ length: 8 }, () => presence.connected({ userId: id, socketId: socket() })),
    );
    expect(arrivals.filter((o) => o.changed)).toHaveLength(1);
    const choices = await Promise.all(Array.from({ length: 8 }, () => presence.choose(id, 'away')));
    expect(choices.filter((o) => o.changed)).toHaveLength(1);
    expect(choices.every((o) => o.presence.status === 'away')).toBe(true);
  });

  it('counts out a socket whose heartbeat is older than the TTL, and reaps the change once', async () => {
    const id = user();
    const [active, idle] = [socket(), socket()];
    await presence.connected({ userId: id, socketId: active });
    await presence.connected({ userId: id, socketId: idle, idle: true });
    await expire(id, active);

    // Read before any reaping: only the idle tab is left.
    expect(await presence.presenceAmong([id])).toEqual(
      new Map([[id, { status: 'away', idle: true }]]),
    );
    const [first, second] = await Promise.all([presence.reap(), presence.reap()]);
    expect([...first, ...second].filter((p) => p.userId === id)).toEqual([
      expect.objectContaining({ userId: id, status: 'away', idle: true }),
    ]);
  });

  it('does not bring back a tab that left with its activity arriving late', async () => {
    const id = user();
    const tab = socket();
    await presence.connected({ userId: id, socketId: tab, idle: true });
    await presence.disconnected({ userId: id, socketId: tab });
    const late = await presence.activity({ userId: id, socketId: tab, idle: false });
    expect(late).toMatchObject({ changed: false, presence: { status: 'offline' } });
    expect(await presence.statusAmong([id])).toEqual(new Map([[id, 'offline']]));
  });

  it('keeps a socket whose heartbeat comes in the very millisecond of its connect', async () => {
    const id = user();
    const tab = socket();
    const now = jest.spyOn(Date, 'now').mockReturnValue(Date.now());
    try {
      await presence.connected({ userId: id, socketId: tab });
      expect(await presence.heartbeat([{ userId: id, socketId: tab }])).toEqual([]);
    } finally {
      now.mockRestore();
    }
  });

  it('reports the sockets whose entry Redis lost, so their process counts them again', async () => {
    const id = user();
    const [kept, lost] = [socket(), socket()];
    await presence.connected({ userId: id, socketId: kept });
    await presence.connected({ userId: id, socketId: lost });
    await redis.zrem(`${prefix}:presence:user:${id}`, lost);
    expect(
      await presence.heartbeat([
        { userId: id, socketId: kept },
        { userId: id, socketId: lost },
      ]),
    ).toEqual([{ userId: id, socketId: lost }]);
  });
});
