import { randomUUID } from 'node:crypto';
import {
  REALTIME_UNAUTHORIZED,
  type ApiTokenDto,
  type ApiTokenWithSecretDto,
  type ConversationListDto,
} from '@touchpoint/shared';
import type { Socket } from 'socket.io-client';
import request from 'supertest';
import type { Channel } from '../src/modules/channels/channel.entity';
import { makeChannel, postApiMessage } from './helpers/channels';
import { waitForConversationOf } from './helpers/conversations';
import { drainQueues } from './helpers/drain-queues';
import { makeTeam, makeUser, type MadeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { connectStaff, once } from './helpers/sockets';
import { startTestApp, type TestApp } from './helpers/test-app';

type Api = ReturnType<typeof as>;

describe('API tokens', () => {
  let t: TestApp;
  let adminUser: MadeUser;
  let admin: Api;
  let agent: Api;
  let channel: Channel;
  let conversationId: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    const teamId = (await makeTeam(t.db, 'Service')).id;
    channel = await makeChannel(t.db, 'api', teamId, { secret: 'tokens-api-secret-0123456789' });
    adminUser = await makeUser(t.db, { role: 'admin', name: 'Ada Admin' });
    admin = as(t.url, (await login(t.url, adminUser)).accessToken);
    agent = as(t.url, (await login(t.url, await makeUser(t.db, { teams: [teamId] }))).accessToken);
    const email = `kunde-${randomUUID().slice(0, 8)}@example.test`;
    await postApiMessage(t.url, channel, { id: randomUUID(), contact: { email }, text: 'Hallo' });
    conversationId = await waitForConversationOf(t.db, email);
    await drainQueues(t);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await t.close();
  });

  const createToken = async (body: Record<string, unknown>, by: Api = admin) => {
    const res = await by.post('/api/api-tokens').send(body);
    expect(res.status).toBe(201);
    return res.body as ApiTokenWithSecretDto;
  };

  it('shows the secret once and stores only its hash', async () => {
    const token = await createToken({ name: 'CRM sync', scopes: ['conversations:read'] });
    expect(token.token).toMatch(/^tp_[A-Za-z0-9_-]{40,}$/);
    expect(token).toMatchObject({
      name: 'CRM sync',
      scopes: ['conversations:read'],
      createdBy: { id: adminUser.id, name: 'Ada Admin' },
      lastUsedAt: null,
      expiresAt: null,
    });
    const list = (await admin.get('/api/api-tokens')).body as ApiTokenDto[];
    expect(list.map((x) => x.id)).toContain(token.id);
    expect(JSON.stringify(list)).not.toContain(token.token);
    const [{ token_hash }]: { token_hash: string }[] = await t.db.query(
      'SELECT token_hash FROM api_tokens WHERE id = $1',
      [token.id],
    );
    expect(token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(token_hash).not.toContain(token.token);
  });

  it('answers 200 within its scopes and 403 naming the scope it lacks', async () => {
    const { token, id } = await createToken({ name: 'Reader', scopes: ['conversations:read'] });
    const reader = as(t.url, token);
    const list = await reader.get('/api/conversations?view=all');
    expect(list.status).toBe(200);
    // What an admin sees: every conversation.
    expect((list.body as ConversationListDto).items.map((c) => c.id)).toContain(conversationId);
    expect((await reader.get(`/api/conversations/${conversationId}`)).status).toBe(200);
    expect((await reader.get(`/api/conversations/${conversationId}/timeline`)).status).toBe(200);

    const claim = await reader.post(`/api/conversations/${conversationId}/claim`);
    expect(claim.status).toBe(403);
    expect(claim.body.message).toContain('conversations:write');
    const reply = await reader
      .post(`/api/conversations/${conversationId}/messages`)
      .send({ type: 'note', body: 'x', clientMessageId: randomUUID() });
    expect(reply.status).toBe(403);
    expect(reply.body.message).toContain('conversations:write');

    // Deny by default: routes that declare no scope refuse every token, whatever its scopes.
    for (const path of ['/api/me', '/api/api-tokens', '/api/users', '/api/channels']) {
      const res = await reader.get(path);
      expect(res.status).toBe(403);
      expect(res.body.message).toContain('declares no scope');
    }
    expect(
      (await reader.post('/api/api-tokens').send({ name: 'x', scopes: ['conversations:read'] }))
        .status,
    ).toBe(403);
    expect((await reader.get('/api/webhooks')).status).toBe(403);

    const [{ last_used_at }]: { last_used_at: Date | null }[] = await t.db.query(
      'SELECT last_used_at FROM api_tokens WHERE id = $1',
      [id],
    );
    expect(last_used_at).not.toBeNull();
  });

  it('reads contacts and the marketing suppressions only with their scopes', async () => {
    const [{ contactId }]: { contactId: string }[] = await t.db.query(
      'SELECT contact_id AS "contactId" FROM conversations WHERE id = $1',
      [conversationId],
    );
    const crm = as(t.url, (await createToken({ name: 'CRM', scopes: ['contacts:read'] })).token);
    expect((await crm.get(`/api/contacts/${contactId}`)).status).toBe(200);
    const edit = await crm.patch(`/api/contacts/${contactId}`).send({ name: 'Neu' });
    expect(edit.status).toBe(403);
    expect(edit.body.message).toContain('contacts:write');
    const suppressions = await crm.get('/api/marketing/suppressions');
    expect(suppressions.status).toBe(403);
    expect(suppressions.body.message).toContain('marketing:read');

    const newsletter = as(
      t.url,
      (await createToken({ name: 'Newsletter', scopes: ['marketing:read'] })).token,
    );
    expect((await newsletter.get('/api/marketing/suppressions')).status).toBe(200);
    expect((await newsletter.get(`/api/contacts/${contactId}`)).status).toBe(403);
  });

  it('acts as the admin who created it when it writes', async () => {
    const { token } = await createToken({
      name: 'Writer',
      scopes: ['conversations:read', 'conversations:write', 'webhooks:manage'],
    });
    const writer = as(t.url, token);
    const note = await writer
      .post(`/api/conversations/${conversationId}/messages`)
      .send({ type: 'note', body: 'Aus dem CRM: Kunde seit 2019', clientMessageId: randomUUID() });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ type: 'note', author: { id: adminUser.id } });
    expect((await writer.get('/api/webhooks')).status).toBe(200);
  });

  it('is refused with 401 once revoked, expired, or when its admin is no longer one', async () => {
    const revoked = await createToken({ name: 'Old', scopes: ['conversations:read'] });
    expect((await as(t.url, revoked.token).get('/api/conversations')).status).toBe(200);
    expect((await agent.post(`/api/api-tokens/${revoked.id}/revoke`)).status).toBe(403);
    const res = await admin.post(`/api/api-tokens/${revoked.id}/revoke`);
    expect(res.status).toBe(200);
    expect((res.body as ApiTokenDto).revokedAt).not.toBeNull();
    const afterRevoke = await as(t.url, revoked.token).get('/api/conversations');
    expect(afterRevoke.status).toBe(401);
    expect(afterRevoke.body.message).toContain('revoked');

    const expiring = await createToken({
      name: 'Short',
      scopes: ['conversations:read'],
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    });
    expect((await as(t.url, expiring.token).get('/api/conversations')).status).toBe(200);
    await t.db.query(
      `UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [expiring.id],
    );
    const afterExpiry = await as(t.url, expiring.token).get('/api/conversations');
    expect(afterExpiry.status).toBe(401);
    expect(afterExpiry.body.message).toContain('expired');

    const other = await makeUser(t.db, { role: 'admin' });
    const otherAdmin = as(t.url, (await login(t.url, other)).accessToken);
    const orphan = await createToken(
      { name: 'Theirs', scopes: ['conversations:read'] },
      otherAdmin,
    );
    expect((await as(t.url, orphan.token).get('/api/conversations')).status).toBe(200);
    await t.db.query(`UPDATE users SET role = 'agent' WHERE id = $1`, [other.id]);
    expect((await as(t.url, orphan.token).get('/api/conversations')).status).toBe(401);

    expect((await as(t.url, 'tp_not-a-token').get('/api/conversations')).status).toBe(401);
    expect((await request(t.url).get('/api/conversations')).status).toBe(401);
  });

  it('refuses bad input naming the field', async () => {
    const noScope = await admin.post('/api/api-tokens').send({ name: 'x', scopes: [] });
    expect(noScope.status).toBe(400);
    expect(noScope.body.message).toContain('scopes');
    const unknown = await admin.post('/api/api-tokens').send({ name: 'x', scopes: ['admin:all'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('scopes');
    const past = await admin
      .post('/api/api-tokens')
      .send({ name: 'x', scopes: ['contacts:read'], expiresAt: '2020-01-01T00:00:00Z' });
    expect(past.status).toBe(400);
    expect(past.body.message).toContain('expiresAt');
  });

  it('cannot open the realtime connection: that needs a signed-in session', async () => {
    const { token } = await createToken({
      name: 'Socket',
      scopes: ['conversations:read', 'conversations:write'],
    });
    const socket = connectStaff(t.url, token);
    sockets.push(socket);
    const err = await once<Error>(socket, 'connect_error');
    expect(err.message).toBe(REALTIME_UNAUTHORIZED);
    expect(socket.connected).toBe(false);
  });
});
