import { randomUUID } from 'node:crypto';
import { makeChannel } from './helpers/channels';
import { makeTeam, makeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink';
import { startTestApp, type TestApp } from './helpers/test-app';

describe('checking a channel’s settings', () => {
  let t: TestApp;
  let relay: SmtpSink;
  let admin: ReturnType<typeof as>;
  let teamId: string;

  beforeAll(async () => {
    t = await startTestApp();
    relay = await startSmtpSink({ auth: { user: 'mailer', pass: 'right-password' } });
    teamId = (await makeTeam(t.db, 'Service')).id;
    admin = as(t.url, (await login(t.url, await makeUser(t.db, { role: 'admin' }))).accessToken);
  });
  afterAll(async () => {
    await t.close();
    await relay.close();
  });

  const check = (id: string) => admin.post(`/api/channels/${id}/check`).send();
  const emailChannel = (pass: string) =>
    makeChannel(t.db, 'email', teamId, {
      address: `support-${randomUUID().slice(0, 6)}@example.test`,
      smtp: { ...relay.smtp, user: 'mailer', pass },
    });

  it('an email channel whose relay takes its sign-in is fine, and nothing is sent', async () => {
    const channel = await emailChannel('right-password');
    const res = await check(channel.id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ok: true,
      message: `The SMTP relay ${relay.host}:${relay.port} accepts Touchpoint's sign-in: replies can go out`,
    });
    expect(relay.messages).toHaveLength(0);
  });

  it('a wrong password is named as the problem, in an answer and not an error', async () => {
    const channel = await emailChannel('wrong-password');
    const res = await check(channel.id);
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.message).toMatch(/refused the user name or password/);
    expect(res.body.message).not.toContain('wrong-password');
  });

  it('a relay that is not there says it cannot be reached', async () => {
    const channel = await makeChannel(t.db, 'email', teamId, {
      address: `gone-${randomUUID().slice(0, 6)}@example.test`,
      smtp: { host: '127.0.0.1', port: 1, secure: false },
    });
    const res = await check(channel.id);
    expect(res.body.ok).toBe(false);
    expect(res.body.message).toMatch(/^SMTP relay 127\.0\.0\.1:1 could not be reached/);
  });

  it('an API channel says where replies go, or that they go nowhere', async () => {
    const silent = await makeChannel(t.db, 'api', teamId, { secret: 's'.repeat(24) });
    expect((await check(silent.id)).body).toEqual({
      ok: true,
      message: 'Messages are taken; replies are not sent anywhere (no callbackUrl is set)',
    });
    const refused = await makeChannel(t.db, 'api', teamId, {
      secret: 's'.repeat(24),
      callbackUrl: 'http://169.254.169.254/latest/meta-data',
    });
    const res = await check(refused.id);
    expect(res.body.ok).toBe(false);
    expect(res.body.message).toMatch(/^config\.callbackUrl cannot be used: /);
  });

  it('is for admins only, and a channel that does not exist is a 404', async () => {
    const channel = await emailChannel('right-password');
    const agent = as(
      t.url,
      (await login(t.url, await makeUser(t.db, { teams: [teamId] }))).accessToken,
    );
    expect((await agent.post(`/api/channels/${channel.id}/check`).send()).status).toBe(403);
    expect((await check(randomUUID())).status).toBe(404);
  });
});
