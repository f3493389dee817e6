import { randomBytes, randomUUID } from 'node:crypto';
import { CSAT_DELAY_MAX_SECONDS } from '@touchpoint/shared';
import { SatisfactionRequestService } from '../src/modules/satisfaction/satisfaction-request.service';
import { makeTeam, makeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { startTestApp, type TestApp } from './helpers/test-app';

describe('satisfaction settings: the switch and the delay after resolution', () => {
  let t: TestApp;
  let admin: ReturnType<typeof as>;
  let supervisor: ReturnType<typeof as>;
  let manager: ReturnType<typeof as>;

  const row = async () =>
    (await t.db.query('SELECT enabled, delay_seconds FROM csat_settings'))[0] as {
      enabled: boolean;
      delay_seconds: number;
    };

  beforeAll(async () => {
    t = await startTestApp();
    admin = as(t.url, (await login(t.url, await makeUser(t.db, { role: 'admin' }))).accessToken);
    supervisor = as(
      t.url,
      (await login(t.url, await makeUser(t.db, { role: 'supervisor' }))).accessToken,
    );
    manager = as(
      t.url,
      (await login(t.url, await makeUser(t.db, { role: 'manager' }))).accessToken,
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('starts on, ten minutes after resolution, and changes the delay alone', async () => {
    expect((await admin.get('/api/satisfaction/settings')).body).toEqual({
      enabled: true,
      delaySeconds: 600,
    });
    const put = await admin.put('/api/satisfaction/settings').send({ delaySeconds: 1800 });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ enabled: true, delaySeconds: 1800 });
    expect(await row()).toEqual({ enabled: true, delay_seconds: 1800 });

    const off = await admin.put('/api/satisfaction/settings').send({ enabled: false });
    expect(off.body).toEqual({ enabled: false, delaySeconds: 1800 });
    const both = await admin
      .put('/api/satisfaction/settings')
      .send({ enabled: true, delaySeconds: 0 });
    expect(both.body).toEqual({ enabled: true, delaySeconds: 0 });
    expect((await admin.get('/api/satisfaction/settings')).body).toEqual(both.body);
  });

  it('refuses a delay that is not whole seconds from 0 to a week, naming the field, and keeps the settings', async () => {
    await admin.put('/api/satisfaction/settings').send({ enabled: true, delaySeconds: 900 });
    for (const delaySeconds of [-1, 1.5, '600', CSAT_DELAY_MAX_SECONDS + 1, null]) {
      const res = await admin.put('/api/satisfaction/settings').send({ delaySeconds });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([
        expect.objectContaining({
          path: 'delaySeconds',
          message: expect.stringMatching(/seconds from 0 to 604800/),
        }),
      ]);
    }
    const notBoolean = await admin.put('/api/satisfaction/settings').send({ enabled: 'yes' });
    expect(notBoolean.status).toBe(400);
    expect(notBoolean.body.details).toEqual([
      expect.objectContaining({ path: 'enabled', message: 'must be true or false' }),
    ]);
    expect((await admin.put('/api/satisfaction/settings').send({})).status).toBe(400);
    expect((await admin.put('/api/satisfaction/settings').send({ delay: 60 })).status).toBe(400);
    expect(await row()).toEqual({ enabled: true, delay_seconds: 900 });
  });

  it('is for admins only: a supervisor or touchpoint manager may neither read nor change it', async () => {
    for (const who of [supervisor, manager]) {
      expect((await who.get('/api/satisfaction/settings')).status).toBe(403);
      expect((await who.put('/api/satisfaction/settings').send({ delaySeconds: 60 })).status).toBe(
        403,
      );
    }
    expect((await row()).delay_seconds).not.toBe(60);
  });

  it('plans the survey of the next resolution after the new delay', async () => {
    await admin.put('/api/satisfaction/settings').send({ enabled: true, delaySeconds: 7200 });
    const team = await makeTeam(t.db, 'Kundenservice');
    const [{ id: contactId }] = await t.db.query(
      `INSERT INTO contacts (name) VALUES ('Kunde') RETURNING id`,
    );
    const conversationId = randomUUID();
    await t.db.query(
      `INSERT INTO conversations (id, contact_id, team_id, status, reply_token, last_activity_at,
         channel_kinds, last_seq)
       VALUES ($1, $2, $3, 'resolved', $4, now(), '{}', 0)`,
      [conversationId, contactId, team.id, randomBytes(10).toString('hex')],
    );
    await t.db.transaction((m) =>
      t.app.get(SatisfactionRequestService).planAfterResolution(m, conversationId),
    );
    const [{ wait }] = await t.db.query(
      `SELECT extract(epoch FROM due_at - resolved_at)::int AS wait FROM csat_surveys
        WHERE conversation_id = $1`,
      [conversationId],
    );
    expect(wait).toBe(7200);
  });
});
