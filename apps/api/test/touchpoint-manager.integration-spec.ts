import { randomUUID } from 'node:crypto';
import type { ConversationDto } from '@touchpoint/shared';
import type { Channel } from '../src/modules/channels/channel.entity';
import { makeChannel, postApiMessage } from './helpers/channels';
import { waitForConversationOf } from './helpers/conversations';
import { drainQueues } from './helpers/drain-queues';
import { makeTeam, makeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { startTestApp, type TestApp } from './helpers/test-app';

/**
 * The touchpoint manager reads everything (conversations of every team, reports, journeys, the live
 * queues) and sets the goals teams share, but answers no customer and changes no conversation.
 */
describe('the touchpoint manager', () => {
  let t: TestApp;
  let manager: ReturnType<typeof as>;
  let agent: ReturnType<typeof as>;
  let conversationId: string;
  let contactId: string;
  let salesId: string;
  let serviceId: string;

  beforeAll(async () => {
    t = await startTestApp();
    serviceId = (await makeTeam(t.db, 'Service')).id;
    salesId = (await makeTeam(t.db, 'Sales')).id;
    manager = as(
      t.url,
      (await login(t.url, await makeUser(t.db, { role: 'manager' }))).accessToken,
    );
    agent = as(t.url, (await login(t.url, await makeUser(t.db, { teams: [salesId] }))).accessToken);
    const channel: Channel = await makeChannel(t.db, 'api', serviceId, {
      secret: 'manager-test-secret-0123456789',
    });
    const email = `kundin-${randomUUID().slice(0, 8)}@example.test`;
    await postApiMessage(t.url, channel, {
      id: randomUUID(),
      contact: { email, name: 'Erika' },
      text: 'Wo bleibt meine Bestellung?',
    }).expect(202);
    await drainQueues(t);
    conversationId = await waitForConversationOf(t.db, email);
    [{ contactId }] = await t.db.query(
      'SELECT contact_id AS "contactId" FROM conversations WHERE id = $1',
      [conversationId],
    );
  });
  afterAll(() => t.close());

  it("reads every team's conversations, but may not reply, claim or change them", async () => {
    // An agent of another team does not see Service's conversation; the manager does.
    expect((await agent.get(`/api/conversations/${conversationId}`)).status).toBe(403);
    const list = await manager.get('/api/conversations?view=all');
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(conversationId);
    const detail = await manager.get(`/api/conversations/${conversationId}`);
    expect(detail.status).toBe(200);
    expect((detail.body as ConversationDto).mayReply).toBe(false);
    expect((await manager.get(`/api/conversations/${conversationId}/timeline`)).status).toBe(200);
    expect((await manager.get(`/api/contacts/${contactId}`)).status).toBe(200);

    const refusals = [
      await manager
        .post(`/api/conversations/${conversationId}/messages`)
        .send({ type: 'reply', body: 'Hallo', clientMessageId: randomUUID() }),
      await manager
        .post(`/api/conversations/${conversationId}/messages`)
        .send({ type: 'note', body: 'Notiz', clientMessageId: randomUUID() }),
      await manager.post(`/api/conversations/${conversationId}/claim`),
      await manager.patch(`/api/conversations/${conversationId}`).send({ status: 'resolved' }),
      await manager.post(`/api/contacts/${contactId}/notes`).send({ body: 'VIP' }),
    ];
    expect(refusals.map((r) => r.status)).toEqual([403, 403, 403, 403, 403]);
    expect(refusals[0].body.message).toContain('reads conversations, reports and journeys');
    const [row]: { owner: string | null; status: string; messages: number }[] = await t.db.query(
      `SELECT owner_id AS owner, status,
              (SELECT count(*)::int FROM messages WHERE conversation_id = c.id) AS messages
         FROM conversations c WHERE id = $1`,
      [conversationId],
    );
    expect(row).toEqual({ owner: null, status: 'open', messages: 1 });
  });

  it('reads the reports, the journeys and the live queues, which agents may not', async () => {
    const day = new Date().toISOString().slice(0, 10);
    for (const path of [
      `/api/reports/overview?from=${day}&to=${day}`,
      `/api/journeys?from=${day}&to=${day}`,
      '/api/supervisor/queues',
    ]) {
      expect([path, (await manager.get(path)).status]).toEqual([path, 200]);
      expect([path, (await agent.get(path)).status]).toEqual([path, 403]);
    }
  });

  it('sets the goals teams share, and keeps its own account and notifications', async () => {
    const created = await manager.post('/api/goals').send({
      name: 'Sales accepts Service consults within 30 minutes',
      kind: 'consult_accept_within',
      params: { fromTeamId: serviceId, toTeamId: salesId, minutes: 30 },
      target: 0.9,
    });
    expect(created.status).toBe(201);
    expect(
      (
        await agent
          .post('/api/goals')
          .send({ name: 'x', kind: 'one_touch_rate', params: {}, target: 0.7 })
      ).status,
    ).toBe(403);
    expect((await manager.post('/api/notifications/read-all')).status).toBeLessThan(300);
  });
});
