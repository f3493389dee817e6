import { createHash, randomBytes } from 'node:crypto';
import type { AuthTokensDto, UserDto, UserLinkDto } from '@touchpoint/shared';
import request from 'supertest';
import { LINK_FAILURES_PER_ADDRESS } from '../src/modules/users/link-rate-limiter';
import { makeTeam, makeUser, type MadeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { startTestApp, type TestApp } from './helpers/test-app';

const DAY_MS = 24 * 3600 * 1000;
const NEW_PASSWORD = 'a brand new password';

/** The token at the end of a link (`…/invite/<token>`). */
function tokenOf(link: UserLinkDto): string {
  const token = new URL(link.url).pathname.split('/invite/')[1];
  if (!token) throw new Error(`not an invitation link: ${link.url}`);
  return token;
}

describe('inviting colleagues and resetting passwords with one-time links', () => {
  let t: TestApp;
  let admin: ReturnType<typeof as>;
  let adminUser: MadeUser;
  let supervisor: ReturnType<typeof as>;
  let agent: ReturnType<typeof as>;
  let agentUser: MadeUser;

  const open = (token: string) => request(t.url).get(`/api/invitations/${token}`);
  const redeem = (token: string, password: unknown = NEW_PASSWORD) =>
    request(t.url).post(`/api/invitations/${token}`).send({ password });

  /** Invites a new colleague and answers the link. */
  async function invite(body: Record<string, unknown> = {}): Promise<UserLinkDto> {
    const tag = randomBytes(4).toString('hex');
    const res = await admin
      .post('/api/users/invitations')
      .send({ email: `invitee-${tag}@example.test`, name: `Invitee ${tag}`, ...body });
    expect(res.status).toBe(201);
    return res.body as UserLinkDto;
  }

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL: 'https://inbox.example.test' });
    const [a, s, g] = await Promise.all([
      makeUser(t.db, { role: 'admin' }),
      makeUser(t.db, { role: 'supervisor' }),
      makeUser(t.db, { role: 'agent' }),
    ]);
    adminUser = a;
    agentUser = g;
    admin = as(t.url, (await login(t.url, a)).accessToken);
    supervisor = as(t.url, (await login(t.url, s)).accessToken);
    agent = as(t.url, (await login(t.url, g)).accessToken);
  });
  afterAll(() => t.close());

  it('invites a colleague, who chooses a password from the link and is signed in', async () => {
    const team = await makeTeam(t.db, `Service ${randomBytes(3).toString('hex')}`);
    const before = Date.now();
    const res = await admin.post('/api/users/invitations').send({
      email: ' Neu.Kollegin@Example.test ',
      name: 'Neue Kollegin',
      role: 'supervisor',
      locale: 'en',
      teamIds: [team.id],
    });
    expect(res.status).toBe(201);
    const link = res.body as UserLinkDto;
    expect(link).toMatchObject({
      purpose: 'invite',
      user: {
        email: 'neu.kollegin@example.test',
        name: 'Neue Kollegin',
        role: 'supervisor',
        locale: 'en',
        active: true,
        status: 'invited',
        lastLoginAt: null,
        teams: [{ id: team.id, name: team.name }],
      },
    });
    expect(link.url).toMatch(/^https:\/\/inbox\.example\.test\/invite\/[A-Za-z0-9_-]{43}$/);
    const expiresIn = Date.parse(link.expiresAt) - before;
    expect(expiresIn).toBeGreaterThan(7 * DAY_MS - 60_000);
    expect(expiresIn).toBeLessThan(7 * DAY_MS + 60_000);

    // Not able to sign in before accepting.
    const early = await request(t.url)
      .post('/api/auth/login')
      .send({ email: 'neu.kollegin@example.test', password: NEW_PASSWORD });
    expect(early.status).toBe(401);

    const token = tokenOf(link);
    const page = await open(token);
    expect(page.status).toBe(200);
    expect(page.body).toEqual({
      name: 'Neue Kollegin',
      email: 'neu.kollegin@example.test',
      purpose: 'invite',
      expiresAt: link.expiresAt,
    });

    const accepted = await redeem(token);
    expect(accepted.status).toBe(200);
    const session = accepted.body as AuthTokensDto;
    expect(session).toMatchObject({
      expiresIn: 900,
      user: { id: link.user.id, status: 'active', role: 'supervisor' },
    });
    expect(session.refreshToken).toMatch(/^[0-9a-f-]{36}\.[\w-]{40,}$/);
    expect(session.user.lastLoginAt).not.toBeNull();

    // The tokens work like those of a sign-in: the API, then a refresh.
    const me = await as(t.url, session.accessToken).get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: link.user.id, status: 'active' });
    const refreshed = await request(t.url)
      .post('/api/auth/refresh')
      .send({ refreshToken: session.refreshToken });
    expect(refreshed.status).toBe(200);
    // And the password chosen signs in from now on.
    await login(t.url, { email: 'neu.kollegin@example.test', password: NEW_PASSWORD });

    const listed = (await admin.get('/api/users')).body as UserDto[];
    expect(listed.find((u) => u.id === link.user.id)).toMatchObject({
      status: 'active',
      lastLoginAt: expect.any(String),
    });
  });

  it('stores only the hash of the token', async () => {
    const link = await invite();
    const token = tokenOf(link);
    const rows: Record<string, unknown>[] = await t.db.query(
      'SELECT * FROM user_tokens WHERE user_id = $1',
      [link.user.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      purpose: 'invite',
      token_hash: createHash('sha256').update(token).digest('hex'),
      used_at: null,
      created_by: adminUser.id,
    });
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(token);
    const found: unknown[] = await t.db.query(
      `SELECT 1 FROM user_tokens t WHERE t::text LIKE '%' || $1 || '%'`,
      [token],
    );
    expect(found).toHaveLength(0);
  });

  it('tells unknown links (404) from expired and used ones (410), and nothing more', async () => {
    const unknown = randomBytes(32).toString('base64url');
    for (const res of [await open(unknown), await redeem(unknown), await open('not-a-token')]) {
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ statusCode: 404, code: 'invitations.unknown' });
    }

    const expiring = await invite();
    await t.db.query(
      `UPDATE user_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [expiring.user.id],
    );
    for (const res of [await open(tokenOf(expiring)), await redeem(tokenOf(expiring))]) {
      expect(res.status).toBe(410);
      expect(res.body).toMatchObject({ statusCode: 410, code: 'invitations.expired' });
      expect(JSON.stringify(res.body)).not.toContain(expiring.user.email);
    }

    const used = await invite();
    expect((await redeem(tokenOf(used))).status).toBe(200);
    for (const res of [
      await open(tokenOf(used)),
      await redeem(tokenOf(used), 'another password'),
    ]) {
      expect(res.status).toBe(410);
      expect(res.body).toMatchObject({ code: 'invitations.used' });
    }
    // The second attempt changed nothing: the first password still signs in.
    await login(t.url, { email: used.user.email, password: NEW_PASSWORD });
  });

  it('lets exactly one of two concurrent redeems through', async () => {
    const link = await invite();
    const token = tokenOf(link);
    const results = await Promise.all([
      redeem(token, 'first tab password'),
      redeem(token, 'second tab password'),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 410]);
    expect(results.find((r) => r.status === 410)?.body.code).toBe('invitations.used');
    const winner = results.find((r) => r.status === 200);
    const password = winner === results[0] ? 'first tab password' : 'second tab password';
    await login(t.url, { email: link.user.email, password });
    const rows: { used_at: Date | null }[] = await t.db.query(
      'SELECT used_at FROM user_tokens WHERE user_id = $1',
      [link.user.id],
    );
    expect(rows).toEqual([{ used_at: expect.any(Date) }]);
  });

  it('sends a pending invitee a fresh link; the older ones stop working', async () => {
    const team = await makeTeam(t.db);
    const first = await invite({ role: 'agent' });

    // Inviting the same email again re-sends, with the details given now.
    const again = await admin.post('/api/users/invitations').send({
      email: first.user.email.toUpperCase(),
      name: 'Renamed Invitee',
      role: 'supervisor',
      teamIds: [team.id],
    });
    expect(again.status).toBe(201);
    const second = again.body as UserLinkDto;
    expect(second.user).toMatchObject({
      id: first.user.id,
      name: 'Renamed Invitee',
      role: 'supervisor',
      status: 'invited',
      teams: [{ id: team.id, name: team.name }],
    });
    expect(tokenOf(second)).not.toBe(tokenOf(first));
    expect((await open(tokenOf(first))).body.code).toBe('invitations.expired');

    // The list's "send again" does the same.
    const resent = await admin.post(`/api/users/${first.user.id}/invitation`);
    expect(resent.status).toBe(201);
    const third = resent.body as UserLinkDto;
    expect(third.purpose).toBe('invite');
    expect((await open(tokenOf(second))).status).toBe(410);
    expect((await redeem(tokenOf(third))).status).toBe(200);

    // Once joined, the email is taken and there is nothing to re-send.
    const taken = await admin
      .post('/api/users/invitations')
      .send({ email: first.user.email, name: 'Someone Else' });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({
      code: 'users.email_taken',
      message: `A user with the email ${first.user.email} exists already`,
    });
    const joined = await admin.post(`/api/users/${first.user.id}/invitation`);
    expect(joined.status).toBe(409);
    expect(joined.body.code).toBe('users.already_joined');
    const existing = await admin
      .post('/api/users/invitations')
      .send({ email: agentUser.email, name: 'Agent Again' });
    expect(existing.status).toBe(409);
    expect(existing.body.code).toBe('users.email_taken');
  });

  it('resets a password: sessions end at once, the old password stops, the link sets a new one', async () => {
    const person = await makeUser(t.db, { role: 'agent' });
    const session = await login(t.url, person);
    const before = Date.now();

    const res = await admin.post(`/api/users/${person.id}/password-reset`);
    expect(res.status).toBe(201);
    const link = res.body as UserLinkDto;
    expect(link).toMatchObject({
      purpose: 'password_reset',
      user: { id: person.id, status: 'active' },
    });
    const expiresIn = Date.parse(link.expiresAt) - before;
    expect(expiresIn).toBeGreaterThan(DAY_MS - 60_000);
    expect(expiresIn).toBeLessThan(DAY_MS + 60_000);

    expect((await as(t.url, session.accessToken).get('/api/me')).status).toBe(401);
    const refresh = await request(t.url)
      .post('/api/auth/refresh')
      .send({ refreshToken: session.refreshToken });
    expect(refresh.status).toBe(401);
    const oldPassword = await request(t.url)
      .post('/api/auth/login')
      .send({ email: person.email, password: person.password });
    expect(oldPassword.status).toBe(401);
    expect(oldPassword.body.code).toBe('auth.invalid_credentials');

    expect((await open(tokenOf(link))).body).toMatchObject({
      email: person.email,
      purpose: 'password_reset',
    });
    const redeemed = await redeem(tokenOf(link), 'my reset password');
    expect(redeemed.status).toBe(200);
    expect((redeemed.body as AuthTokensDto).user.id).toBe(person.id);
    await login(t.url, { email: person.email, password: 'my reset password' });
  });

  it('resets only passwords of colleagues who have joined, and never the own one', async () => {
    const self = await admin.post(`/api/users/${adminUser.id}/password-reset`);
    expect(self.status).toBe(409);
    expect(self.body.code).toBe('users.self_password_reset');

    const pending = await invite();
    const invitee = await admin.post(`/api/users/${pending.user.id}/password-reset`);
    expect(invitee.status).toBe(409);
    expect(invitee.body.code).toBe('users.invitation_pending');

    const missing = await admin.post('/api/users/00000000-0000-4000-8000-000000000000/invitation');
    expect(missing.status).toBe(404);
  });

  it('keeps deactivated users out: their links stop working and none are issued', async () => {
    const link = await invite();
    const off = await admin.patch(`/api/users/${link.user.id}`).send({ active: false });
    expect(off.status).toBe(200);
    expect(off.body.status).toBe('deactivated');

    const res = await redeem(tokenOf(link));
    expect(res.status).toBe(410);
    expect(res.body.code).toBe('invitations.expired');
    const resend = await admin.post(`/api/users/${link.user.id}/invitation`);
    expect(resend.status).toBe(409);
    expect(resend.body.code).toBe('users.deactivated');

    // Reactivated, the invitee is pending again; the old link stays dead, a new one works.
    const on = await admin.patch(`/api/users/${link.user.id}`).send({ active: true });
    expect(on.body.status).toBe('invited');
    expect((await open(tokenOf(link))).status).toBe(410);
    const fresh = (await admin.post(`/api/users/${link.user.id}/invitation`)).body as UserLinkDto;
    expect((await redeem(tokenOf(fresh))).status).toBe(200);
  });

  it('does not count an invited admin as the admin the workspace keeps', async () => {
    const other = await makeUser(t.db, { role: 'admin' });
    await invite({ role: 'admin' });
    // Every admin but `other` who has joined steps down; `other` is then the last one.
    await t.db.query(
      `UPDATE users SET role = 'agent' WHERE role = 'admin' AND joined_at IS NOT NULL AND id NOT IN ($1, $2)`,
      [other.id, adminUser.id],
    );
    expect((await admin.patch(`/api/users/${other.id}`).send({ role: 'agent' })).status).toBe(200);
    const last = await admin.patch(`/api/users/${adminUser.id}`).send({ role: 'agent' });
    expect(last.status).toBe(409);
    expect(last.body.code).toBe('users.last_admin');
  });

  it('forbids agents and supervisors the admin routes with 403', async () => {
    const target = agentUser.id;
    for (const who of [agent, supervisor]) {
      const calls = [
        who.post('/api/users/invitations').send({ email: 'x@example.test', name: 'X' }),
        who.post(`/api/users/${target}/invitation`),
        who.post(`/api/users/${target}/password-reset`),
      ];
      for (const res of await Promise.all(calls)) {
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('auth.forbidden');
      }
    }
    // Nobody was invited on the way.
    expect(
      (await t.db.query(`SELECT 1 FROM users WHERE email = 'x@example.test'`)) as unknown[],
    ).toHaveLength(0);
  });

  it('limits links that do not work per client address, with 429 and Retry-After', async () => {
    // An api process of its own, so that its limits start from nothing (a Redis prefix of its own).
    const fresh = await startTestApp({ ROLE: 'api' }, t.config.database.url);
    try {
      const link = await invite();
      // A link that works counts for nothing, however often it is opened.
      for (let i = 0; i < 5; i++)
        expect((await request(fresh.url).get(`/api/invitations/${tokenOf(link)}`)).status).toBe(
          200,
        );
      const guess = () =>
        request(fresh.url).get(`/api/invitations/${randomBytes(32).toString('base64url')}`);
      for (let i = 0; i < LINK_FAILURES_PER_ADDRESS.count; i++)
        expect((await guess()).status).toBe(404);
      const refused = await guess();
      expect(refused.status).toBe(429);
      expect(refused.body.code).toBe('rate_limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    } finally {
      await fresh.close();
    }
  });

  it('answers bad input with 400 naming the field', async () => {
    const res = await admin
      .post('/api/users/invitations')
      .send({ email: 'nope', name: '', role: 'boss', locale: 'fr', password: 'a-long-password' });
    expect(res.status).toBe(400);
    const byPath = Object.fromEntries(
      (res.body.details as { path: string; message: string }[]).map((d) => [d.path, d.message]),
    );
    expect(byPath).toMatchObject({
      email: 'must be an email address',
      name: 'is required',
      role: 'must be one of agent, supervisor, manager, admin',
      locale: 'must be one of de, en',
    });
    // The invitee chooses the password: the admin cannot send one.
    expect(res.body.message).toMatch(/password/);

    const unknownTeam = await admin.post('/api/users/invitations').send({
      email: 'team-less@example.test',
      name: 'Team Less',
      teamIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(unknownTeam.status).toBe(400);
    expect(unknownTeam.body.code).toBe('users.unknown_teams');
    expect(
      (await t.db.query(`SELECT 1 FROM users WHERE email = 'team-less@example.test'`)) as unknown[],
    ).toHaveLength(0);

    const badId = await admin.post('/api/users/not-a-uuid/password-reset');
    expect(badId.status).toBe(400);
    expect(badId.body.message).toBe('id must be a UUID');

    const link = await invite();
    for (const body of [{ password: 'short' }, {}, { password: NEW_PASSWORD, extra: true }]) {
      const bad = await request(t.url)
        .post(`/api/invitations/${tokenOf(link)}`)
        .send(body);
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('validation.failed');
    }
    const short = await redeem(tokenOf(link), 'short');
    expect(short.body.details).toEqual([
      { path: 'password', message: 'must be at least 10 characters' },
    ]);
    // Refused input does not use the link up.
    expect((await open(tokenOf(link))).status).toBe(200);
  });
});
