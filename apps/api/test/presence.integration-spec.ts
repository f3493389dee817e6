import { randomUUID } from 'node:crypto';
import {
  REALTIME_EVENTS,
  REALTIME_PRESENCE_ACTIVITY,
  REALTIME_READY,
  REALTIME_SET_PRESENCE,
  type PresenceSetAnswer,
  type PresenceUpdatedPayload,
} from '@touchpoint/shared';
import type { Redis } from 'ioredis';
import { io, type Socket } from 'socket.io-client';
import { PresenceService } from '../src/core/realtime/presence.service';
import { RealtimeGateway } from '../src/modules/realtime/realtime.gateway';
import { REDIS } from '../src/core/redis/redis.module';
import { makeChannel, postApiMessage } from './helpers/channels';
import { waitForConversationOf } from './helpers/conversations';
import { makeTeam, makeUser, type MadeUser } from './helpers/factories';
import { login } from './helpers/http';
import { once, readyStaff, staffSentinel, watch } from './helpers/sockets';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

const TTL_SECONDS = 3;

/**
 * Ends an api process the way a crash does for presence: its heartbeat stops and its sockets drop
 * without the gateway's disconnect handling (which would take them out of presence at once).
 */
async function crash(app: TestApp): Promise<void> {
  const { server } = app.app.get(RealtimeGateway);
  for (const socket of server.sockets.sockets.values()) socket.removeAllListeners('disconnect');
  await app.close();
}

/** Sends a client event and resolves the server's answer. */
function ask(socket: Socket, event: string, body: unknown): Promise<PresenceSetAnswer> {
  return socket.timeout(5000).emitWithAck(event, body);
}

describe('staff presence', () => {
  let a: TestApp;
  let b: TestApp;
  let bClosed = false;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    a = await startTestApp({ PRESENCE_TTL_SECONDS: String(TTL_SECONDS) });
    // A second api process on the same database and Redis, as behind a load balancer.
    b = await startTestApp(
      { REDIS_PREFIX: a.config.redis.prefix, PRESENCE_TTL_SECONDS: String(TTL_SECONDS) },
      a.config.database.url,
    );
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await Promise.all([a.close(), bClosed ? undefined : b.close()]);
  });

  const goOnline = async (app: TestApp, user: MadeUser) => {
    const socket = await readyStaff(app.url, (await login(app.url, user)).accessToken);
    sockets.push(socket);
    return socket;
  };

  /**
   * A tab as the inbox opens it: the handshake says whether the tab is idle; `own` is the first
   * presence of its user the socket hears (each new socket is told).
   */
  const openTab = async (app: TestApp, user: MadeUser, idle = false) => {
    const token = (await login(app.url, user)).accessToken;
    const socket = io(app.url, {
      auth: { token, idle },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    const own = once<PresenceUpdatedPayload>(
      socket,
      REALTIME_EVENTS.presenceUpdated,
      (p) => p.userId === user.id,
    );
    await once(socket, REALTIME_READY);
    return { socket, own: await own };
  };

  it('announces offline, within the TTL, a user whose api process crashed, and automatic assignment passes them by', async () => {
    const team = await makeTeam(a.db);
    await a.db.query('UPDATE teams SET auto_assign = true, max_open_per_agent = 5 WHERE id = $1', [
      team.id,
    ]);
    const channel = await makeChannel(a.db, 'api', team.id, {
      secret: 'presence-secret-0123456789',
      callbackUrl: 'http://127.0.0.1:9/none',
    });
    // First in turn for automatic assignment: made before the colleague, never assigned.
    const gone = await makeUser(a.db, { teams: [team.id], name: 'Gone Greta' });
    const colleague = await makeUser(a.db, { teams: [team.id], name: 'Colleague Carl' });
    const supervisor = await makeUser(a.db, { role: 'supervisor' });
    const watcher = await goOnline(a, supervisor);
    const presence = a.app.get(PresenceService);

    const online = once<PresenceUpdatedPayload>(
      watcher,
      REALTIME_EVENTS.presenceUpdated,
      (p) => p.userId === gone.id,
    );
    await goOnline(b, gone);
    expect(await online).toMatchObject({ status: 'online' });
    expect(await presence.isOnline(gone.id)).toBe(true);

    // The TTL, plus one heartbeat of app A to notice, plus slack for a busy machine.
    const offline = once<PresenceUpdatedPayload>(
      watcher,
      REALTIME_EVENTS.presenceUpdated,
      (p) => p.userId === gone.id && p.status === 'offline',
      TTL_SECONDS * 1000 * 3,
    );
    await crash(b);
    bClosed = true;
    await offline;
    expect(await presence.isOnline(gone.id)).toBe(false);

    // Nobody online: the conversation waits; were Greta still counted, she would get it now.
    const email = `kundin-${randomUUID().slice(0, 8)}@example.test`;
    const posted = await postApiMessage(a.url, channel, {
      id: randomUUID(),
      contact: { email },
      text: 'Hallo',
    });
    expect(posted.status).toBeLessThan(300);
    const id = await waitForConversationOf(a.db, email);
    // Carl coming online runs the assignment: it goes to him, not to Greta whose turn it would be.
    await goOnline(a, colleague);
    const ownerId = await waitFor(`owner of ${id}`, async () => {
      const [row]: { owner_id: string | null }[] = await a.db.query(
        'SELECT owner_id FROM conversations WHERE id = $1',
        [id],
      );
      return row?.owner_id;
    });
    expect(ownerId).toBe(colleague.id);
  });

  it('announces offline at once when the last socket closes, not while another stays open', async () => {
    const user = await makeUser(a.db);
    const watcher = await goOnline(a, await makeUser(a.db, { role: 'supervisor' }));
    const presence = a.app.get(PresenceService);
    const first = await goOnline(a, user);
    const second = await goOnline(a, user);

    const updates: PresenceUpdatedPayload[] = [];
    watcher.on(REALTIME_EVENTS.presenceUpdated, (p: PresenceUpdatedPayload) => {
      if (p.userId === user.id) updates.push(p);
    });
    first.disconnect();
    await waitFor('the first socket gone from presence', async () => {
      const key = `${a.config.redis.prefix}:presence:user:${user.id}`;
      return (await a.app.get<Redis>(REDIS).zcard(key)) === 1;
    });
    expect(await presence.isOnline(user.id)).toBe(true);

    const offline = once<PresenceUpdatedPayload>(
      watcher,
      REALTIME_EVENTS.presenceUpdated,
      (p) => p.userId === user.id && p.status === 'offline',
    );
    second.disconnect();
    await offline;
    // Announced once: the offline update is the only one since the first socket closed.
    expect(updates.map((u) => u.status)).toEqual(['offline']);
    expect(await presence.isOnline(user.id)).toBe(false);
  });

  it('counts a connected user again when Redis lost their presence, without announcing them offline', async () => {
    const user = await makeUser(a.db);
    const watcher = await goOnline(a, await makeUser(a.db, { role: 'supervisor' }));
    const presence = a.app.get(PresenceService);
    const online = once<PresenceUpdatedPayload>(
      watcher,
      REALTIME_EVENTS.presenceUpdated,
      (p) => p.userId === user.id,
    );
    await goOnline(a, user);
    await online;
    const updates: PresenceUpdatedPayload[] = [];
    watcher.on(REALTIME_EVENTS.presenceUpdated, (p: PresenceUpdatedPayload) => {
      if (p.userId === user.id) updates.push(p);
    });

    // As after a Redis restart: what Redis knew of the user is gone while their socket stays open.
    const prefix = `${a.config.redis.prefix}:presence`;
    await a.app
      .get<Redis>(REDIS)
      .multi()
      .del(`${prefix}:user:${user.id}`)
      .hdel(`${prefix}:announced-status`, user.id)
      .exec();
    expect(await presence.isOnline(user.id)).toBe(false);
    // The next heartbeat of the socket's process brings them back; they were never announced gone.
    const back = once<PresenceUpdatedPayload>(
      watcher,
      REALTIME_EVENTS.presenceUpdated,
      (p) => p.userId === user.id,
      TTL_SECONDS * 1000 * 3,
    );
    expect(await back).toMatchObject({ status: 'online' });
    expect(await presence.isOnline(user.id)).toBe(true);
    expect(updates.map((u) => u.status)).toEqual(['online']);
  });

  describe('online, away and offline', () => {
    let c: TestApp;
    let cClosed = false;
    const prefix = () => `${a.config.redis.prefix}:presence`;

    beforeAll(async () => {
      // Another api process (the second one crashed above).
      c = await startTestApp(
        { REDIS_PREFIX: a.config.redis.prefix, PRESENCE_TTL_SECONDS: String(TTL_SECONDS) },
        a.config.database.url,
      );
    });
    afterAll(async () => {
      if (!cClosed) await c.close();
    });

    /** A supervisor's socket on app A, and every presence update of `user` it hears from now. */
    const watchPresenceOf = async (user: MadeUser) => {
      const supervisor = await makeUser(a.db, { role: 'supervisor' });
      const watcher = await goOnline(a, supervisor);
      const updates = watch<PresenceUpdatedPayload>(
        watcher,
        REALTIME_EVENTS.presenceUpdated,
        (p) => p.userId === user.id,
      );
      return {
        updates,
        next: (status: PresenceUpdatedPayload['status'], ms?: number) =>
          once<PresenceUpdatedPayload>(
            watcher,
            REALTIME_EVENTS.presenceUpdated,
            (p) => p.userId === user.id && p.status === status,
            ms,
          ),
        /** Whatever app A announced until now has reached the watcher. */
        settled: () => staffSentinel(a, watcher, supervisor.id),
      };
    };

    const socketsCounted = (user: MadeUser, n: number) =>
      waitFor(`${n} sockets of ${user.name} counted`, async () => {
        return (await a.app.get<Redis>(REDIS).zcard(`${prefix()}:user:${user.id}`)) === n;
      });

    it('announces a chosen away once and keeps it through input, another tab and a reload, until the user chooses online', async () => {
      const user = await makeUser(a.db);
      const presence = a.app.get(PresenceService);
      const first = await goOnline(a, user);
      const second = await goOnline(a, user);
      const { updates, next, settled } = await watchPresenceOf(user);

      const away = next('away');
      expect(await ask(first, REALTIME_SET_PRESENCE, { status: 'away' })).toMatchObject({
        ok: true,
        presence: { userId: user.id, status: 'away', idle: false },
      });
      expect(await away).toMatchObject({ status: 'away', idle: false });
      expect(await presence.statusAmong([user.id])).toEqual(new Map([[user.id, 'away']]));
      expect(await presence.onlineAmong([user.id])).toEqual(new Set());

      // Chosen again in the other tab, both tabs idle and active again: still away.
      expect(await ask(second, REALTIME_SET_PRESENCE, { status: 'away' })).toMatchObject({
        ok: true,
      });
      for (const idle of [true, false]) {
        for (const tab of [first, second])
          expect(await ask(tab, REALTIME_PRESENCE_ACTIVITY, { idle })).toEqual({ ok: true });
      }
      // A reload: the new tab is told its user is away.
      first.disconnect();
      await socketsCounted(user, 1);
      const reloaded = await openTab(a, user);
      expect(reloaded.own).toMatchObject({ status: 'away', idle: false });
      await settled();
      expect(updates.seen.map((u) => u.status)).toEqual(['away']);
      expect(await presence.statusAmong([user.id])).toEqual(new Map([[user.id, 'away']]));

      const online = next('online');
      expect(await ask(reloaded.socket, REALTIME_SET_PRESENCE, { status: 'online' })).toMatchObject(
        { ok: true, presence: { status: 'online' } },
      );
      await online;
      await settled();
      expect(updates.seen.map((u) => u.status)).toEqual(['away', 'online']);
      expect(await presence.onlineAmong([user.id])).toEqual(new Set([user.id]));
    });

    it('makes a user away only when all their tabs are idle, whichever process holds them, and online with input in one', async () => {
      const user = await makeUser(a.db);
      const presence = a.app.get(PresenceService);
      const here = await goOnline(a, user);
      const there = await goOnline(c, user);
      const { updates, next, settled } = await watchPresenceOf(user);

      // One tab idle: still online.
      expect(await ask(here, REALTIME_PRESENCE_ACTIVITY, { idle: true })).toEqual({ ok: true });
      await settled();
      expect(updates.seen).toEqual([]);
      expect(await presence.statusAmong([user.id])).toEqual(new Map([[user.id, 'online']]));

      // Both idle: away by inactivity.
      const away = next('away');
      expect(await ask(there, REALTIME_PRESENCE_ACTIVITY, { idle: true })).toEqual({ ok: true });
      expect(await away).toMatchObject({ idle: true });
      expect(await presence.statusAmong([user.id])).toEqual(new Map([[user.id, 'away']]));
      expect(await presence.presenceAmong([user.id])).toEqual(
        new Map([[user.id, { status: 'away', idle: true }]]),
      );
      expect(await presence.onlineAmong([user.id])).toEqual(new Set());

      // Input in one of them: online.
      const back = next('online');
      expect(await ask(there, REALTIME_PRESENCE_ACTIVITY, { idle: false })).toEqual({ ok: true });
      expect(await back).toMatchObject({ idle: false });

      // Closing the tab in use leaves the idle one: away again; closing that one too: offline.
      const awayAgain = next('away');
      there.disconnect();
      await awayAgain;
      const offline = next('offline');
      here.disconnect();
      await offline;
      await settled();
      expect(updates.seen.map((u) => [u.status, u.idle])).toEqual([
        ['away', true],
        ['online', false],
        ['away', true],
        ['offline', false],
      ]);
      expect(await presence.statusAmong([user.id])).toEqual(new Map([[user.id, 'offline']]));
    });

    it('keeps an idle user away while one of their idle tabs reconnects', async () => {
      const user = await makeUser(a.db);
      const first = await openTab(a, user, true);
      expect(first.own).toMatchObject({ status: 'away', idle: true });
      const second = await openTab(a, user, true);
      expect(second.own).toMatchObject({ status: 'away', idle: true });
      const { updates, settled } = await watchPresenceOf(user);

      second.socket.disconnect();
      await socketsCounted(user, 1);
      const again = await openTab(a, user, true);
      expect(again.own).toMatchObject({ status: 'away', idle: true });
      await settled();
      expect(updates.seen).toEqual([]);
    });

    it('refuses a status that cannot be chosen, and activity that is not true or false, saying why', async () => {
      const user = await makeUser(a.db);
      const socket = await goOnline(a, user);
      expect(await ask(socket, REALTIME_SET_PRESENCE, { status: 'offline' })).toEqual({
        ok: false,
        error: 'status must be online or away (offline is when no tab is open)',
      });
      expect(await ask(socket, REALTIME_SET_PRESENCE, { status: 'busy' })).toEqual({
        ok: false,
        error: 'status must be online or away (offline is when no tab is open)',
      });
      expect(await ask(socket, REALTIME_SET_PRESENCE, 'away')).toEqual({
        ok: false,
        error: "must be { status: 'online' | 'away' }",
      });
      expect(await ask(socket, REALTIME_PRESENCE_ACTIVITY, { idle: 'yes' })).toEqual({
        ok: false,
        error: 'idle must be true or false',
      });
      expect(await a.app.get(PresenceService).statusAmong([user.id])).toEqual(
        new Map([[user.id, 'online']]),
      );
    });

    it('announces away, within the TTL, a user whose only active tab was on a process that crashed', async () => {
      const user = await makeUser(a.db);
      const presence = a.app.get(PresenceService);
      const here = await goOnline(a, user);
      await goOnline(c, user);
      expect(await ask(here, REALTIME_PRESENCE_ACTIVITY, { idle: true })).toEqual({ ok: true });
      expect(await presence.statusAmong([user.id])).toEqual(new Map([[user.id, 'online']]));
      const { next } = await watchPresenceOf(user);

      // The TTL, plus one heartbeat of app A to notice, plus slack for a busy machine.
      const away = next('away', TTL_SECONDS * 1000 * 3);
      await crash(c);
      cClosed = true;
      expect(await away).toMatchObject({ idle: true });
      expect(await presence.statusAmong([user.id])).toEqual(new Map([[user.id, 'away']]));
    });
  });
});
