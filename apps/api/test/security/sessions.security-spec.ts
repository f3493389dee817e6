import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import {
  REALTIME_EVENTS,
  REALTIME_READY,
  REALTIME_SESSION_ENDED,
  REALTIME_UNAUTHORIZED,
  rooms,
  type AccessTokenClaims,
  type SessionEndedPayload,
  type SessionReadyPayload,
} from '@touchpoint/shared';
import type { Socket } from 'socket.io-client';
import request from 'supertest';
import { RealtimePublisher } from '../../src/core/realtime/realtime-publisher';
import { makeUser, type MadeUser } from '../helpers/factories';
import { as, login } from '../helpers/http';
import { connectStaff, once, readyStaff } from '../helpers/sockets';
import { startTestApp, type TestApp } from '../helpers/test-app';

/** The signing secret earlier versions fell back to when JWT_SECRET was unset; it is public. */
const FORMER_DEFAULT_SECRET = 'touchpoint-development-secret-change-me-0000';

/**
 * Watches a socket from now on: `within(ms)` resolves when it was disconnected (at once if it
 * already was) and fails if that does not happen within `ms` from the call; `reasons` lists the
 * `session.ended` reasons the server sent it, in order.
 */
function watch(socket: Socket) {
  const reasons: string[] = [];
  socket.on(REALTIME_SESSION_ENDED, (p: SessionEndedPayload) => reasons.push(p.reason));
  const gone = new Promise<number>((resolve) =>
    socket.once('disconnect', () => resolve(Date.now())),
  );
  return {
    reasons,
    within(ms: number): Promise<number> {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`socket still connected after ${ms} ms`)), ms);
      });
      return Promise.race([gone, late]).finally(() => clearTimeout(timer));
    },
  };
}

function claimsOf(token: string): AccessTokenClaims {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

/** The signed-in user's claims re-signed with `secret`, with `exp` (seconds) or none at all. */
function resign(t: TestApp, token: string, exp: number | undefined, secret?: string): string {
  const { sub, role, email, sv } = claimsOf(token);
  return t.app
    .get(JwtService)
    .sign(
      { sub, role, email, sv, ...(exp !== undefined && { exp }) },
      { secret: secret ?? t.config.auth.jwtSecret, algorithm: 'HS256', issuer: 'touchpoint' },
    );
}

async function refusedHandshake(url: string, token: string): Promise<string> {
  const socket = connectStaff(url, token);
  try {
    const answer = await Promise.race([
      once<Error>(socket, 'connect_error').then((e) => e.message),
      once(socket, REALTIME_READY).then(() => 'accepted'),
    ]);
    return answer;
  } finally {
    socket.disconnect();
  }
}

describe('Sessions', () => {
  let a: TestApp;
  let b: TestApp;
  let admin: ReturnType<typeof as>;
  const sockets: Socket[] = [];
  const track = (s: Socket) => (sockets.push(s), s);

  beforeAll(async () => {
    a = await startTestApp();
    // A second api process on the same database and Redis, as behind a load balancer.
    b = await startTestApp({ REDIS_PREFIX: a.config.redis.prefix }, a.config.database.url);
    const adminUser = await makeUser(a.db, { role: 'admin' });
    admin = as(a.url, (await login(a.url, adminUser)).accessToken);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await Promise.all([a.close(), b.close()]);
  });

  const status = async (t: TestApp, token: string) =>
    (await as(t.url, token).get('/api/me')).status;
  const refresh = (refreshToken: string) =>
    request(a.url).post('/api/auth/refresh').send({ refreshToken });

  it('after an admin changes a password, old access tokens get 401 and the sockets on both api processes are gone within 1 s', async () => {
    const user = await makeUser(a.db);
    const session = await login(a.url, user);
    const onA = track(await readyStaff(a.url, session.accessToken));
    const onB = track(await readyStaff(b.url, session.accessToken));
    const [watchA, watchB] = [watch(onA), watch(onB)];

    const res = await admin
      .patch(`/api/users/${user.id}`)
      .send({ password: 'a brand new password' });
    const changedAt = Date.now();
    expect(res.status).toBe(200);

    const [atA, atB] = await Promise.all([watchA.within(1000), watchB.within(1000)]);
    expect(atA - changedAt).toBeLessThan(1000);
    expect(atB - changedAt).toBeLessThan(1000);
    expect(watchA.reasons).toEqual(['password_changed']);
    expect(watchB.reasons).toEqual(['password_changed']);
    expect(await status(a, session.accessToken)).toBe(401);
    expect(await status(b, session.accessToken)).toBe(401);
    expect((await refresh(session.refreshToken)).status).toBe(401);
    // A new socket with the old token is refused on either process.
    expect(await refusedHandshake(a.url, session.accessToken)).toBe(REALTIME_UNAUTHORIZED);
    expect(await refusedHandshake(b.url, session.accessToken)).toBe(REALTIME_UNAUTHORIZED);
  });

  it('a user who changes their own password keeps that session with fresh tokens and loses every other', async () => {
    const user = await makeUser(a.db);
    const here = await login(a.url, user);
    const elsewhere = await login(a.url, user);
    const elsewhereSocket = track(await readyStaff(b.url, elsewhere.accessToken));
    const elsewhereWatch = watch(elsewhereSocket);

    const wrong = await as(a.url, here.accessToken)
      .post('/api/auth/password')
      .send({ currentPassword: 'not my password', newPassword: 'another long password' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toMatch(/currentPassword/);

    const res = await as(a.url, here.accessToken)
      .post('/api/auth/password')
      .send({ currentPassword: user.password, newPassword: 'another long password' });
    const changedAt = Date.now();
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: user.id });
    expect((await elsewhereWatch.within(1000)) - changedAt).toBeLessThan(1000);
    expect(elsewhereWatch.reasons).toEqual(['password_changed']);

    expect(await status(a, res.body.accessToken)).toBe(200);
    expect(await status(a, here.accessToken)).toBe(401);
    expect(await status(b, elsewhere.accessToken)).toBe(401);
    expect((await refresh(elsewhere.refreshToken)).status).toBe(401);
    expect((await refresh(res.body.refreshToken)).status).toBe(200);
    await login(a.url, { email: user.email, password: 'another long password' });
  });

  it('signing out everywhere ends every access token, refresh token and socket of the user', async () => {
    const user = await makeUser(a.db);
    const first = await login(a.url, user);
    const second = await login(a.url, user);
    const socket = track(await readyStaff(b.url, second.accessToken));
    const watched = watch(socket);

    const res = await as(a.url, first.accessToken).post('/api/auth/logout-all');
    const doneAt = Date.now();
    expect(res.status).toBe(204);
    expect((await watched.within(1000)) - doneAt).toBeLessThan(1000);
    expect(watched.reasons).toEqual(['signed_out_everywhere']);
    for (const s of [first, second]) {
      expect(await status(a, s.accessToken)).toBe(401);
      expect((await refresh(s.refreshToken)).status).toBe(401);
    }
  });

  it('a role change ends old access tokens and sockets; a refresh gives a token with the new role', async () => {
    const user = await makeUser(a.db, { role: 'agent' });
    const session = await login(a.url, user);
    const socket = track(await readyStaff(b.url, session.accessToken));
    const watched = watch(socket);

    expect((await admin.patch(`/api/users/${user.id}`).send({ role: 'supervisor' })).status).toBe(
      200,
    );
    const changedAt = Date.now();
    expect((await watched.within(1000)) - changedAt).toBeLessThan(1000);
    expect(watched.reasons).toEqual(['role_changed']);
    expect(await status(a, session.accessToken)).toBe(401);
    expect(await refusedHandshake(b.url, session.accessToken)).toBe(REALTIME_UNAUTHORIZED);

    const renewed = await refresh(session.refreshToken);
    expect(renewed.status).toBe(200);
    expect(renewed.body.user.role).toBe('supervisor');
    expect(claimsOf(renewed.body.accessToken).role).toBe('supervisor');
    const again = track(connectStaff(b.url, renewed.body.accessToken));
    const ready = await once<SessionReadyPayload>(again, REALTIME_READY);
    expect(ready.rooms).toContain(rooms.supervisors());
  });

  it('deactivation ends old tokens and sockets, and reactivating the user does not bring them back', async () => {
    const user = await makeUser(a.db);
    const session = await login(a.url, user);
    const socket = track(await readyStaff(b.url, session.accessToken));
    const watched = watch(socket);

    expect((await admin.delete(`/api/users/${user.id}`)).status).toBe(204);
    const endedAt = Date.now();
    expect((await watched.within(1000)) - endedAt).toBeLessThan(1000);
    expect(watched.reasons).toEqual(['deactivated']);

    expect((await admin.patch(`/api/users/${user.id}`).send({ active: true })).status).toBe(200);
    expect(await status(a, session.accessToken)).toBe(401);
    expect(await refusedHandshake(a.url, session.accessToken)).toBe(REALTIME_UNAUTHORIZED);
    expect((await refresh(session.refreshToken)).status).toBe(401);
  });

  it('a socket is dropped when its access token expires, is told why, and hears nothing after', async () => {
    const user = await makeUser(a.db);
    const session = await login(a.url, user);
    const exp = Math.floor(Date.now() / 1000) + 3;
    const socket = track(await readyStaff(a.url, resign(a, session.accessToken, exp)));
    let heardAfterExpiry = 0;
    socket.onAny((event: string) => {
      // The notice of the end itself is the last thing the socket may hear.
      if (event !== REALTIME_SESSION_ENDED && Date.now() >= exp * 1000) heardAfterExpiry++;
    });
    const watched = watch(socket);
    const at = await watched.within(exp * 1000 - Date.now() + 2000);

    expect(at).toBeGreaterThanOrEqual(exp * 1000 - 50);
    expect(at).toBeLessThan(exp * 1000 + 1000);
    expect(watched.reasons).toEqual(['token_expired']);

    // Sentinel: an event to the user's room reaches a fresh socket, and not the expired one.
    const fresh = track(await readyStaff(b.url, session.accessToken));
    const probe = once(fresh, REALTIME_EVENTS.presenceUpdated, (p: { userId: string }) => {
      return p.userId === 'probe';
    });
    a.app.get(RealtimePublisher).toStaff([rooms.user(user.id)], 'presence.updated', {
      userId: 'probe',
      status: 'online',
      at: new Date().toISOString(),
    });
    await probe;
    expect(heardAfterExpiry).toBe(0);
    expect(socket.connected).toBe(false);
  });

  it('an access token without exp is refused by REST and by the socket handshake', async () => {
    const user = await makeUser(a.db);
    const session = await login(a.url, user);
    const withoutExp = resign(a, session.accessToken, undefined);
    const withExp = resign(a, session.accessToken, Math.floor(Date.now() / 1000) + 60);
    expect(claimsOf(withoutExp).exp).toBeUndefined();

    expect(await status(a, withExp)).toBe(200);
    expect(await refusedHandshake(a.url, withExp)).toBe('accepted');
    expect(await status(a, withoutExp)).toBe(401);
    expect(await refusedHandshake(a.url, withoutExp)).toBe(REALTIME_UNAUTHORIZED);
  });

  it('without JWT_SECRET an installation signs with its own secret: an admin token signed with the former built-in default is refused', async () => {
    const storage = mkdtempSync(join(tmpdir(), 'touchpoint-secret-'));
    const c = await startTestApp({ JWT_SECRET: '', STORAGE_DIR: storage });
    try {
      expect(c.config.auth.jwtSecret).not.toBe(FORMER_DEFAULT_SECRET);
      const victim: MadeUser = await makeUser(c.db, { role: 'admin' });
      const real = await login(c.url, victim);
      expect(await status(c, real.accessToken)).toBe(200);

      const exp = Math.floor(Date.now() / 1000) + 600;
      const forged = resign(c, real.accessToken, exp, FORMER_DEFAULT_SECRET);
      expect(await status(c, forged)).toBe(401);
      expect(await refusedHandshake(c.url, forged)).toBe(REALTIME_UNAUTHORIZED);
    } finally {
      await c.close();
    }
  });

  it('presenting a replaced refresh token again revokes the whole family', async () => {
    const user = await makeUser(a.db);
    const stolen = await login(a.url, user);
    const rotated = await refresh(stolen.refreshToken);
    expect(rotated.status).toBe(200);

    const replay = await refresh(stolen.refreshToken);
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('auth.refresh_token_reused');
    expect((await refresh(rotated.body.refreshToken)).status).toBe(401);
  });
});
