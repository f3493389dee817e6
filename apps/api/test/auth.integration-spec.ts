import request from 'supertest';
import { makeUser, type MadeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { startTestApp, type TestApp } from './helpers/test-app';

describe('auth', () => {
  let t: TestApp;
  let agent: MadeUser;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT: '5', LOGIN_RATE_WINDOW: '60' });
    agent = await makeUser(t.db, { role: 'agent' });
  });
  afterAll(() => t.close());

  describe('login', () => {
    it('returns tokens and the user for the right password, any email casing', async () => {
      const res = await request(t.url)
        .post('/api/auth/login')
        .send({ email: `  ${agent.email.toUpperCase()} `, password: agent.password });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        expiresIn: 900,
        user: { id: agent.id, email: agent.email, role: 'agent' },
      });
      expect(res.body.accessToken.split('.')).toHaveLength(3);
      expect(res.body.refreshToken).toMatch(/^[0-9a-f-]{36}\.[\w-]{40,}$/);
      expect(res.body.user).not.toHaveProperty('passwordHash');
    });

    it('answers 401 alike for a wrong password and an unknown email', async () => {
      const wrong = await request(t.url)
        .post('/api/auth/login')
        .send({ email: agent.email, password: 'nope nope nope' });
      const unknown = await request(t.url)
        .post('/api/auth/login')
        .send({ email: 'ghost@example.test', password: 'whatever' });
      for (const res of [wrong, unknown]) {
        expect(res.status).toBe(401);
        expect(res.body).toEqual({
          statusCode: 401,
          error: 'Unauthorized',
          message: 'Email or password is wrong',
          code: 'auth.invalid_credentials',
        });
      }
    });

    it('refuses a deactivated account with the same answer', async () => {
      const gone = await makeUser(t.db, { active: false });
      const res = await request(t.url)
        .post('/api/auth/login')
        .send({ email: gone.email, password: gone.password });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('auth.invalid_credentials');
    });

    it('says which fields are wrong', async () => {
      const res = await request(t.url).post('/api/auth/login').send({ email: 'not-an-email' });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([
        { path: 'email', message: 'must be an email address' },
        expect.objectContaining({ path: 'password' }),
      ]);
      expect(res.body.message).toContain('email must be an email address');
    });

    it('rate limits attempts per address and account with 429 and Retry-After', async () => {
      const target = await makeUser(t.db);
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await request(t.url)
          .post('/api/auth/login')
          .send({ email: target.email, password: 'guess' });
        statuses.push(res.status);
        if (res.status === 429) {
          expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
          expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
          expect(res.body).toMatchObject({
            statusCode: 429,
            error: 'Too Many Requests',
            code: 'rate_limited',
          });
        }
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      // Even the right password waits now.
      const right = await request(t.url)
        .post('/api/auth/login')
        .send({ email: target.email, password: target.password });
      expect(right.status).toBe(429);
      // Another account from the same address is not affected.
      const other = await request(t.url)
        .post('/api/auth/login')
        .send({ email: agent.email, password: agent.password });
      expect(other.status).toBe(200);
    });
  });

  describe('refresh tokens', () => {
    // A fresh account per test keeps these clear of the login rate limit.
    beforeEach(async () => {
      agent = await makeUser(t.db);
    });

    it('rotate: the new pair works, the old refresh token does not', async () => {
      const first = await login(t.url, agent);
      const second = await request(t.url)
        .post('/api/auth/refresh')
        .send({ refreshToken: first.refreshToken });
      expect(second.status).toBe(200);
      expect(second.body.refreshToken).not.toBe(first.refreshToken);
      expect(second.body.user.id).toBe(agent.id);
      const me = await as(t.url, second.body.accessToken).get('/api/me');
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: agent.id, email: agent.email });
    });

    it('detect reuse: presenting a replaced token ends the whole session family', async () => {
      const first = await login(t.url, agent);
      const second = await request(t.url)
        .post('/api/auth/refresh')
        .send({ refreshToken: first.refreshToken });
      expect(second.status).toBe(200);

      const replay = await request(t.url)
        .post('/api/auth/refresh')
        .send({ refreshToken: first.refreshToken });
      expect(replay.status).toBe(401);
      expect(replay.body.code).toBe('auth.refresh_token_reused');

      // The legitimate newest token is revoked too.
      const newest = await request(t.url)
        .post('/api/auth/refresh')
        .send({ refreshToken: second.body.refreshToken });
      expect(newest.status).toBe(401);
      // Other logins of the same user are untouched.
      const other = await login(t.url, agent);
      expect(
        (await request(t.url).post('/api/auth/refresh').send({ refreshToken: other.refreshToken }))
          .status,
      ).toBe(200);
    });

    it('reject forged tokens', async () => {
      const real = await login(t.url, agent);
      const [id] = real.refreshToken.split('.');
      const forged = await request(t.url)
        .post('/api/auth/refresh')
        .send({ refreshToken: `${id}.${'A'.repeat(43)}` });
      expect(forged.status).toBe(401);
      expect(forged.body.code).toBe('auth.invalid_refresh_token');
      // A forgery does not burn the real token.
      expect(
        (await request(t.url).post('/api/auth/refresh').send({ refreshToken: real.refreshToken }))
          .status,
      ).toBe(200);
    });

    it('logout revokes the refresh token and is idempotent', async () => {
      const session = await login(t.url, agent);
      const out = await request(t.url)
        .post('/api/auth/logout')
        .send({ refreshToken: session.refreshToken });
      expect(out.status).toBe(204);
      expect(
        (await request(t.url).post('/api/auth/logout').send({ refreshToken: session.refreshToken }))
          .status,
      ).toBe(204);
      const after = await request(t.url)
        .post('/api/auth/refresh')
        .send({ refreshToken: session.refreshToken });
      expect(after.status).toBe(401);
    });
  });

  describe('sessions', () => {
    it('own password change: names the fields that are wrong and changes nothing', async () => {
      const user = await makeUser(t.db);
      const session = await login(t.url, user);
      const res = await as(t.url, session.accessToken)
        .post('/api/auth/password')
        .send({ currentPassword: '', newPassword: 'short' });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([
        { path: 'currentPassword', message: 'is required' },
        { path: 'newPassword', message: 'must be at least 10 characters' },
      ]);
      expect((await as(t.url, session.accessToken).get('/api/me')).status).toBe(200);
    });

    it('logout-all and the own password change need a signed-in user', async () => {
      expect((await request(t.url).post('/api/auth/logout-all')).status).toBe(401);
      expect((await request(t.url).post('/api/auth/password').send({})).status).toBe(401);
    });

    it('are documented in the OpenAPI document', async () => {
      const res = await request(t.url).get('/api/docs/openapi.json');
      expect(res.body.paths['/api/auth/logout-all'].post.summary).toMatch(/Sign out everywhere/);
      expect(res.body.paths['/api/auth/password'].post.summary).toMatch(/own password/);
    });
  });

  describe('access tokens', () => {
    it('are required for the api and checked', async () => {
      expect((await request(t.url).get('/api/me')).status).toBe(401);
      const bad = await as(t.url, 'not.a.jwt').get('/api/me');
      expect(bad.status).toBe(401);
      expect(bad.body.code).toBe('auth.invalid_token');
    });

    it('stop working at once when the account is deactivated', async () => {
      const leaving = await makeUser(t.db);
      const session = await login(t.url, leaving);
      expect((await as(t.url, session.accessToken).get('/api/me')).status).toBe(200);
      await t.db.query('UPDATE users SET active = false WHERE id = $1', [leaving.id]);
      const res = await as(t.url, session.accessToken).get('/api/me');
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('auth.inactive');
    });
  });
});
