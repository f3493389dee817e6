import {
  REALTIME_EVENTS,
  REALTIME_JOIN_CONVERSATION,
  REALTIME_LEAVE_CONVERSATION,
  REALTIME_READY,
  REALTIME_UNAUTHORIZED,
  rooms,
  type SessionReadyPayload,
} from '@touchpoint/shared';
import type { Socket } from 'socket.io-client';
import { RealtimePublisher } from '../src/core/realtime/realtime-publisher';
import { makeTeam, makeUser } from './helpers/factories';
import { login } from './helpers/http';
import { connectStaff, once } from './helpers/sockets';
import { startTestApp, type TestApp } from './helpers/test-app';

type Presence = { userId: string; status: string };

describe('realtime gateway', () => {
  let a: TestApp;
  let b: TestApp;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    a = await startTestApp();
    // A second api process on the same database and Redis, as behind a load balancer.
    b = await startTestApp({ REDIS_PREFIX: a.config.redis.prefix }, a.config.database.url);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await Promise.all([a.close(), b.close()]);
  });

  it('refuses a handshake without a token or with a bad one', async () => {
    for (const token of [
      undefined,
      'garbage',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl',
    ]) {
      const socket = connectStaff(a.url, token);
      sockets.push(socket);
      const err = await once<Error>(socket, 'connect_error');
      expect(err.message).toBe(REALTIME_UNAUTHORIZED);
      expect(socket.connected).toBe(false);
    }
  });

  it('accepts a good token and joins the user, team and supervisor rooms', async () => {
    const team = await makeTeam(a.db);
    const user = await makeUser(a.db, { role: 'supervisor', teams: [team.id] });
    const { accessToken } = await login(a.url, user);
    const socket = connectStaff(a.url, accessToken);
    sockets.push(socket);
    const ready = await once<SessionReadyPayload>(socket, REALTIME_READY);
    expect(ready.userId).toBe(user.id);
    expect(ready.rooms.sort()).toEqual(
      [rooms.supervisors(), rooms.team(team.id), rooms.user(user.id)].sort(),
    );
  });

  it('delivers an event emitted on one api process to a socket on another (Redis adapter) and tracks presence', async () => {
    const watcher = await makeUser(a.db);
    const colleague = await makeUser(a.db);
    const watcherSocket = connectStaff(a.url, (await login(a.url, watcher)).accessToken);
    sockets.push(watcherSocket);
    await once(watcherSocket, REALTIME_READY);

    const online = once<Presence>(
      watcherSocket,
      REALTIME_EVENTS.presenceUpdated,
      (p) => p.userId === colleague.id,
    );
    const colleagueSocket = connectStaff(b.url, (await login(b.url, colleague)).accessToken);
    sockets.push(colleagueSocket);
    expect(await online).toMatchObject({ userId: colleague.id, status: 'online' });

    const received = once<Presence>(
      colleagueSocket,
      REALTIME_EVENTS.presenceUpdated,
      (p) => p.userId === 'probe',
    );
    a.app.get(RealtimePublisher).toStaff([rooms.user(colleague.id)], 'presence.updated', {
      userId: 'probe',
      status: 'online',
      at: new Date().toISOString(),
    });
    expect(await received).toMatchObject({ userId: 'probe' });

    const offline = once<Presence>(
      watcherSocket,
      REALTIME_EVENTS.presenceUpdated,
      (p) => p.userId === colleague.id && p.status === 'offline',
    );
    colleagueSocket.disconnect();
    expect(await offline).toMatchObject({ userId: colleague.id, status: 'offline' });
  });

  it('tells everyone with a conversation open who else has it open, across api processes', async () => {
    const team = await makeTeam(a.db);
    const [eva, anna] = [
      await makeUser(a.db, { role: 'supervisor', name: 'Eva Viewer' }),
      await makeUser(a.db, { role: 'supervisor', name: 'Anna Viewer' }),
    ];
    const [{ id: contactId }]: { id: string }[] = await a.db.query(
      `INSERT INTO contacts (name) VALUES ('Viewer Kunde') RETURNING id`,
    );
    const [{ id }]: { id: string }[] = await a.db.query(
      `INSERT INTO conversations (contact_id, team_id, reply_token) VALUES ($1, $2, md5(random()::text)) RETURNING id`,
      [contactId, team.id],
    );
    const [evaToken, annaToken] = [
      (await login(a.url, eva)).accessToken,
      (await login(b.url, anna)).accessToken,
    ];
    const evaSocket = connectStaff(a.url, evaToken);
    const evaTab2 = connectStaff(a.url, evaToken);
    const annaSocket = connectStaff(b.url, annaToken);
    sockets.push(evaSocket, evaTab2, annaSocket);
    await Promise.all([evaSocket, evaTab2, annaSocket].map((s) => once(s, REALTIME_READY)));

    type Viewers = { conversationId: string; viewers: { id: string; name: string }[] };
    const join = (s: Socket) =>
      s.emitWithAck(REALTIME_JOIN_CONVERSATION, { conversationId: id }) as Promise<{
        ok: boolean;
        viewers?: Viewers['viewers'];
      }>;
    expect(await join(evaSocket)).toEqual({ ok: true, viewers: [{ id: eva.id, name: eva.name }] });

    const evaSeesAnna = once<Viewers>(evaSocket, REALTIME_EVENTS.conversationViewers, (p) =>
      p.viewers.some((v) => v.id === anna.id),
    );
    const annaJoined = await join(annaSocket);
    expect(annaJoined.viewers?.map((v) => v.name)).toEqual(['Anna Viewer', 'Eva Viewer']);
    expect((await evaSeesAnna).conversationId).toBe(id);

    // A second tab of the same person is one viewer.
    expect((await join(evaTab2)).viewers).toHaveLength(2);

    // Closing one tab keeps Eva in; leaving with the other takes her out.
    const annaSeesOneTabGone = once<Viewers>(annaSocket, REALTIME_EVENTS.conversationViewers);
    evaTab2.disconnect();
    expect((await annaSeesOneTabGone).viewers.map((v) => v.id).sort()).toEqual(
      [eva.id, anna.id].sort(),
    );
    const annaAlone = once<Viewers>(
      annaSocket,
      REALTIME_EVENTS.conversationViewers,
      (p) => p.viewers.length === 1,
    );
    evaSocket.emit(REALTIME_LEAVE_CONVERSATION, { conversationId: id });
    expect((await annaAlone).viewers).toEqual([{ id: anna.id, name: anna.name }]);
  });
});
