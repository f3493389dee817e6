import { randomUUID } from 'node:crypto';
import { REALTIME_EVENTS, type PresenceUpdatedPayload } from '@touchpoint/shared';
import type { Redis } from 'ioredis';
import type { Socket } from 'socket.io-client';
import { PresenceService } from '../src/core/realtime/presence.service';
import { RealtimeGateway } from '../src/modules/realtime/realtime.gateway';
import { REDIS } from '../src/core/redis/redis.module';
import { makeChannel, postApiMessage } from './helpers/channels';
import { waitForConversationOf } from './helpers/conversations';
import { makeTeam, makeUser, type MadeUser } from './helpers/factories';
import { login } from './helpers/http';
import { once, readyStaff } from './helpers/sockets';
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
      .srem(`${prefix}:announced`, user.id)
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
});
