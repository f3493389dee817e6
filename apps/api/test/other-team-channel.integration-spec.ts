import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { HandoffDto, NotificationListDto, TimelineDto } from '@touchpoint/shared';
import type { Queue } from 'bullmq';
import { QUEUES } from '../src/core/queue/queue.constants';
import type { Channel } from '../src/modules/channels/channel.entity';
import { makeChannel, postApiMessage } from './helpers/channels';
import { conversationsOfContact, waitForConversationOf } from './helpers/conversations';
import { drainQueues } from './helpers/drain-queues';
import { makeTeam, makeUser, type MadeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

type Api = ReturnType<typeof as>;

/**
 * A customer with an open Service conversation sends a new request through Sales' form: the
 * request is never absorbed unseen. Owned, the thread keeps it and Sales is pulled in on the
 * owner's behalf; unowned, it starts its own conversation in Sales' queue.
 */
describe('a message to another team’s channel', () => {
  let t: TestApp;
  let serviceChannel: Channel;
  let salesForm: Channel;
  let salesId: string;
  let users: Record<'eva' | 'clara' | 'sam', MadeUser>;
  let eva: Api;
  let clara: Api;

  beforeAll(async () => {
    t = await startTestApp();
    const serviceId = (await makeTeam(t.db, 'Service')).id;
    salesId = (await makeTeam(t.db, 'Sales')).id;
    const config = (n: number) => ({
      secret: `other-team-secret-${n}-0123456789`,
      callbackUrl: 'http://127.0.0.1:9/none',
    });
    serviceChannel = await makeChannel(t.db, 'api', serviceId, config(1));
    salesForm = await makeChannel(t.db, 'api', salesId, config(2));
    await t.db.query('UPDATE channels SET name = $2 WHERE id = $1', [
      salesForm.id,
      'Angebotsanfrage',
    ]);
    users = {
      eva: await makeUser(t.db, { teams: [serviceId], name: 'Eva' }),
      clara: await makeUser(t.db, { teams: [salesId], name: 'Clara' }),
      // Works in both teams.
      sam: await makeUser(t.db, { teams: [serviceId, salesId], name: 'Sam' }),
    };
    [eva, clara] = await Promise.all(
      [users.eva, users.clara].map(async (u) => as(t.url, (await login(t.url, u)).accessToken)),
    );
  });
  afterAll(() => t.close());

  const write = async (channel: Channel, email: string, text: string) => {
    await postApiMessage(t.url, channel, { id: randomUUID(), contact: { email }, text });
    await drainQueues(t);
  };
  const handoffsOf = async (api: Api, conversationId: string) =>
    (await api.get(`/api/conversations/${conversationId}/handoffs`)).body as HandoffDto[];

  it('pulls Sales into the owned Service thread, on the owner’s behalf, once', async () => {
    const email = `kunde-${randomUUID().slice(0, 8)}@example.test`;
    await write(serviceChannel, email, 'Mein Stuhl ist kaputt angekommen.');
    const conversationId = await waitForConversationOf(t.db, email);
    expect((await eva.post(`/api/conversations/${conversationId}/claim`)).status).toBe(200);

    await write(salesForm, email, 'Außerdem hätte ich gern ein Angebot für 20 Tische.');
    // One thread: the request joined it.
    expect(await conversationsOfContact(t.db, email)).toEqual([{ id: conversationId }]);
    const [consult] = await handoffsOf(eva, conversationId);
    expect(consult).toMatchObject({
      kind: 'consult',
      status: 'requested',
      team: { id: salesId },
      requestedBy: { id: users.eva.id },
      note: 'Angebotsanfrage: Außerdem hätte ich gern ein Angebot für 20 Tische.',
    });
    const timeline = (await eva.get(`/api/conversations/${conversationId}/timeline`))
      .body as TimelineDto;
    const requested = timeline.entries.find(
      (e) => e.type === 'event' && e.event.kind === 'handoff.requested',
    );
    expect(requested?.type === 'event' && requested.event.data).toMatchObject({
      automatic: true,
      team: { id: salesId, name: 'Sales' },
    });
    // Sales hears of it and may look in; its acceptance deadline has its timers.
    const notices = ((await clara.get('/api/notifications')).body as NotificationListDto).items;
    expect(notices.filter((n) => n.conversationId === conversationId).map((n) => n.kind)).toEqual([
      'handoff.requested',
    ]);
    await waitFor('the acceptance timers', async () => {
      const timers = t.app.get<Queue>(getQueueToken(QUEUES.timers));
      const jobs = await timers.getDelayed();
      return jobs.some((j) => (j.data as { handoffId?: string }).handoffId === consult.id);
    });
    const queue = (await clara.get('/api/handoffs?view=queue')).body as HandoffDto[];
    expect(queue.map((h) => h.id)).toContain(consult.id);
    // Accepting, Clara joins the thread and sees the whole story.
    expect((await clara.post(`/api/handoffs/${consult.id}/accept`)).status).toBe(200);
    expect((await clara.get(`/api/conversations/${conversationId}`)).status).toBe(200);

    // Writing to Sales again asks nothing more while Sales is in.
    await write(salesForm, email, 'Gern auch mit Lieferung.');
    expect(await handoffsOf(eva, conversationId)).toHaveLength(1);
  });

  it('starts its own conversation in Sales’ queue when nobody owns the Service one', async () => {
    const email = `kunde-${randomUUID().slice(0, 8)}@example.test`;
    await write(serviceChannel, email, 'Wo bleibt meine Lieferung?');
    const serviceConversation = await waitForConversationOf(t.db, email);
    await write(salesForm, email, 'Bitte ein Angebot für Leuchten.');
    const rows: { id: string; team: string; owner: string | null }[] = await t.db.query(
      `SELECT c.id, t.name AS team, c.owner_id AS owner FROM conversations c
         JOIN contacts k ON k.id = c.contact_id JOIN contact_identities i ON i.contact_id = k.id
         JOIN teams t ON t.id = c.team_id
        WHERE i.address = $1 ORDER BY c.created_at`,
      [email],
    );
    expect(rows.map((r) => [r.team, r.owner])).toEqual([
      ['Service', null],
      ['Sales', null],
    ]);
    expect(rows[0].id).toBe(serviceConversation);
    expect(await handoffsOf(eva, serviceConversation)).toEqual([]);
  });

  it('asks nobody when the owner works in that team too', async () => {
    const email = `kunde-${randomUUID().slice(0, 8)}@example.test`;
    await write(serviceChannel, email, 'Frage zur Rechnung.');
    const conversationId = await waitForConversationOf(t.db, email);
    const sam = as(t.url, (await login(t.url, users.sam)).accessToken);
    expect((await sam.post(`/api/conversations/${conversationId}/claim`)).status).toBe(200);
    await write(salesForm, email, 'Und ein Angebot bitte.');
    expect(await conversationsOfContact(t.db, email)).toEqual([{ id: conversationId }]);
    expect(await handoffsOf(sam, conversationId)).toEqual([]);
  });
});
