import {
  REALTIME_EVENTS,
  REALTIME_READY,
  REALTIME_UNAUTHORIZED,
  rooms,
  type SessionReadyPayload,
} from '@touchpoint/shared';
import { io, type Socket } from 'socket.io-client';
import { RealtimePublisher } from '../src/core/realtime/realtime-publisher';
import { makeTeam, makeUser } from './helpers/factories';
import { login } from './helpers/http';
import { startTestApp, type TestApp } from './helpers/test-app';

function connect(url: string, token?: string): Socket {
  return io(url, {
    auth: token ? { token } : {},
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
}

/** The first `event` whose payload passes `match`. */
function once<T>(
  socket: Socket,
  event: string,
  match: (p: T) => boolean = () => true,
  ms = 5000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching ${event} within ${ms} ms`)), ms);
    const listener = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

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
      const socket = connect(a.url, token);
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
    const socket = connect(a.url, accessToken);
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
    const watcherSocket = connect(a.url, (await login(a.url, watcher)).accessToken);
    sockets.push(watcherSocket);
    await once(watcherSocket, REALTIME_READY);

    const online = once<Presence>(
      watcherSocket,
      REALTIME_EVENTS.presenceUpdated,
      (p) => p.userId === colleague.id,
    );
    const colleagueSocket = connect(b.url, (await login(b.url, colleague)).accessToken);
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
});
