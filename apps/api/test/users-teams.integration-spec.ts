import request from 'supertest';
import { makeTeam, makeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { startTestApp, type TestApp } from './helpers/test-app';

describe('users and teams administration', () => {
  let t: TestApp;
  let admin: ReturnType<typeof as>;
  let supervisor: ReturnType<typeof as>;
  let agent: ReturnType<typeof as>;
  let adminId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const [a, s, g] = await Promise.all([
      makeUser(t.db, { role: 'admin' }),
      makeUser(t.db, { role: 'supervisor' }),
      makeUser(t.db, { role: 'agent' }),
    ]);
    adminId = a.id;
    admin = as(t.url, (await login(t.url, a)).accessToken);
    supervisor = as(t.url, (await login(t.url, s)).accessToken);
    agent = as(t.url, (await login(t.url, g)).accessToken);
  });
  afterAll(() => t.close());

  it('forbids agents every admin route with 403', async () => {
    const team = await makeTeam(t.db);
    const calls = [
      agent.get('/api/users'),
      agent.get(`/api/users/${adminId}`),
      agent.post('/api/users').send({}),
      agent.patch(`/api/users/${adminId}`).send({ name: 'x' }),
      agent.delete(`/api/users/${adminId}`),
      agent.get('/api/teams'),
      agent.post('/api/teams').send({ name: 'x' }),
      agent.patch(`/api/teams/${team.id}`).send({ name: 'x' }),
      agent.put(`/api/teams/${team.id}/members`).send({ userIds: [] }),
      agent.delete(`/api/teams/${team.id}`),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({
        statusCode: 403,
        error: 'Forbidden',
        code: 'auth.forbidden',
      });
    }
  });

  it('lets supervisors read but not write', async () => {
    expect((await supervisor.get('/api/users')).status).toBe(200);
    expect((await supervisor.get('/api/teams')).status).toBe(200);
    expect((await supervisor.post('/api/teams').send({ name: 'Nope' })).status).toBe(403);
    expect((await supervisor.post('/api/users').send({})).status).toBe(403);
  });

  it('lets admins create, read, update and deactivate users with teams', async () => {
    const team = await makeTeam(t.db, 'Support Nord');
    const created = await admin.post('/api/users').send({
      email: 'New.Person@Example.test',
      name: 'New Person',
      password: 'a-long-password',
      role: 'agent',
      teamIds: [team.id],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      email: 'new.person@example.test',
      name: 'New Person',
      role: 'agent',
      locale: 'de',
      active: true,
      teams: [{ id: team.id, name: 'Support Nord' }],
    });
    const id = created.body.id as string;

    const updated = await admin
      .patch(`/api/users/${id}`)
      .send({ role: 'supervisor', teamIds: [], locale: 'en' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ role: 'supervisor', locale: 'en', teams: [] });

    const session = await login(t.url, {
      email: 'new.person@example.test',
      password: 'a-long-password',
    });
    expect((await admin.delete(`/api/users/${id}`)).status).toBe(204);
    expect((await admin.get(`/api/users/${id}`)).body.active).toBe(false);
    // Deactivation ends the user's sessions.
    expect(
      (await request(t.url).post('/api/auth/refresh').send({ refreshToken: session.refreshToken }))
        .status,
    ).toBe(401);
  });

  it('explains validation problems per field', async () => {
    const res = await admin
      .post('/api/users')
      .send({ email: 'x', name: '', password: 'short', role: 'boss', extra: 1 });
    expect(res.status).toBe(400);
    const byPath = Object.fromEntries(
      (res.body.details as { path: string; message: string }[]).map((d) => [d.path, d.message]),
    );
    expect(byPath.email).toBe('must be an email address');
    expect(byPath.name).toBe('is required');
    expect(byPath.password).toBe('must be at least 10 characters');
    expect(byPath.role).toBe('must be one of agent, supervisor, manager, admin');
    expect(res.body.message).toMatch(/email must be an email address/);

    const badId = await admin.get('/api/users/not-a-uuid');
    expect(badId.status).toBe(400);
    expect(badId.body.message).toBe('id must be a UUID');

    const empty = await admin.patch(`/api/users/${adminId}`).send({});
    expect(empty.status).toBe(400);
    expect(empty.body.message).toBe('nothing to update');
  });

  it('answers 409 for a duplicate email and 404 for unknown ids', async () => {
    const body = { email: 'dup@example.test', name: 'Dup', password: 'a-long-password' };
    expect((await admin.post('/api/users').send(body)).status).toBe(201);
    const dup = await admin.post('/api/users').send({ ...body, email: 'DUP@example.test' });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({
      code: 'users.email_taken',
      message: 'A user with the email dup@example.test exists already',
    });

    const missing = await admin.get('/api/users/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    const unknownTeam = await admin.post('/api/users').send({
      ...body,
      email: 'x@example.test',
      teamIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(unknownTeam.status).toBe(400);
    expect(unknownTeam.body.code).toBe('users.unknown_teams');
    // Nothing half-written: the user of the failed request does not exist.
    expect((await t.db.query(`SELECT 1 FROM users WHERE email = 'x@example.test'`)).length).toBe(0);
  });

  it('keeps at least one active admin and forbids deactivating oneself', async () => {
    const self = await admin.delete(`/api/users/${adminId}`);
    expect(self.status).toBe(409);
    expect(self.body.code).toBe('users.self_deactivation');

    // Demote every other admin, then try to demote the last one.
    await t.db.query(`UPDATE users SET role = 'agent' WHERE role = 'admin' AND id <> $1`, [
      adminId,
    ]);
    const lonely = await makeUser(t.db, { role: 'admin' });
    expect((await admin.patch(`/api/users/${lonely.id}`).send({ role: 'agent' })).status).toBe(200);
    const last = await admin.patch(`/api/users/${adminId}`).send({ role: 'agent' });
    expect(last.status).toBe(409);
    expect(last.body.code).toBe('users.last_admin');
  });

  it('manages teams and their members', async () => {
    const created = await admin
      .post('/api/teams')
      .send({ name: 'Billing', description: 'Invoices' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await admin.post('/api/teams').send({ name: 'billing' })).status).toBe(409);

    const member = await makeUser(t.db);
    const members = await admin
      .put(`/api/teams/${id}/members`)
      .send({ userIds: [member.id, member.id] });
    expect(members.status).toBe(200);
    expect(members.body.members).toEqual([
      expect.objectContaining({ id: member.id, email: member.email }),
    ]);

    const renamed = await admin.patch(`/api/teams/${id}`).send({ name: 'Billing & Payments' });
    expect(renamed.body.name).toBe('Billing & Payments');
    expect((await admin.delete(`/api/teams/${id}`)).status).toBe(204);
    expect((await admin.get(`/api/teams/${id}`)).status).toBe(404);
  });
});
