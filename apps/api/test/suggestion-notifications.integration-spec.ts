import { randomUUID } from 'node:crypto';
import type { HandoffDto, NotificationDto, NotificationListDto } from '@touchpoint/shared';
import type { Socket } from 'socket.io-client';
import type { Channel } from '../src/modules/channels/channel.entity';
import { makeChannel, postApiMessage } from './helpers/channels';
import { waitForConversationOf } from './helpers/conversations';
import { drainQueues } from './helpers/drain-queues';
import { makeTeam, makeUser, type MadeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { once, readyStaff } from './helpers/sockets';
import { startTestApp, type TestApp } from './helpers/test-app';

type Api = ReturnType<typeof as>;

/**
 * A specialist pulled into a conversation drafts the reply for its owner: the owner is told that a
 * suggested reply waits for them, in the notification centre and live, once per suggestion.
 */
describe('a suggested reply waiting for the owner', () => {
  let t: TestApp;
  let channel: Channel;
  let salesId: string;
  let users: Record<'eva' | 'clara', MadeUser>;
  let eva: Api;
  let clara: Api;
  let evaToken: string;
  let evaSocket: Socket;

  beforeAll(async () => {
    t = await startTestApp();
    const serviceId = (await makeTeam(t.db, 'Service')).id;
    salesId = (await makeTeam(t.db, 'Sales')).id;
    channel = await makeChannel(t.db, 'api', serviceId, {
      secret: 'suggestion-secret-0123456789',
      callbackUrl: 'http://127.0.0.1:9/none',
    });
    users = {
      eva: await makeUser(t.db, { teams: [serviceId], name: 'Eva' }),
      clara: await makeUser(t.db, { teams: [salesId], name: 'Clara' }),
    };
    evaToken = (await login(t.url, users.eva)).accessToken;
    eva = as(t.url, evaToken);
    clara = as(t.url, (await login(t.url, users.clara)).accessToken);
    evaSocket = await readyStaff(t.url, evaToken);
  });
  afterAll(async () => {
    evaSocket?.close();
    await t.close();
  });

  /** Eva owns a conversation and has pulled Clara (Sales) in, who accepted. */
  async function consultedConversation(): Promise<string> {
    const email = `kunde-${randomUUID().slice(0, 8)}@example.test`;
    await postApiMessage(t.url, channel, {
      id: randomUUID(),
      contact: { email },
      text: 'Was kostet die Lieferung von 20 Stühlen?',
    });
    await drainQueues(t);
    const id = await waitForConversationOf(t.db, email);
    expect((await eva.post(`/api/conversations/${id}/claim`)).status).toBe(200);
    const consult = (
      await eva.post(`/api/conversations/${id}/handoffs`).send({
        kind: 'consult',
        teamId: salesId,
        note: 'Kunde fragt nach Lieferkosten für 20 Stühle.',
      })
    ).body as HandoffDto;
    expect((await clara.post(`/api/handoffs/${consult.id}/accept`)).status).toBe(200);
    return id;
  }

  const waiting = async (conversationId: string) =>
    ((await eva.get('/api/notifications?unread=true')).body as NotificationListDto).items.filter(
      (n) => n.kind === 'suggestion.waiting' && n.conversationId === conversationId,
    );

  it('tells the owner, live and in the notification centre, once per suggestion', async () => {
    const id = await consultedConversation();
    const live = once<{ notification: NotificationDto }>(
      evaSocket,
      'notification.created',
      (p) => p.notification.kind === 'suggestion.waiting' && p.notification.conversationId === id,
    );
    const draft = {
      type: 'suggestion',
      body: 'Die Lieferung kostet bei 20 Stühlen nichts extra.',
      clientMessageId: randomUUID(),
    };
    expect((await clara.post(`/api/conversations/${id}/messages`).send(draft)).status).toBe(201);
    const pushed = await live;
    expect(pushed.notification).toMatchObject({
      kind: 'suggestion.waiting',
      conversationId: id,
      actor: { id: users.clara.id, name: 'Clara' },
      text: draft.body,
    });

    // The same suggestion sent again (a retry) is the same message: no second notification.
    expect((await clara.post(`/api/conversations/${id}/messages`).send(draft)).status).toBe(200);
    expect(await waiting(id)).toEqual([
      expect.objectContaining({
        id: pushed.notification.id,
        actor: expect.objectContaining({ name: 'Clara' }),
      }),
    ]);
  });

  it('stays quiet for an ordinary note, and for a suggestion the owner wrote herself', async () => {
    const id = await consultedConversation();
    await clara
      .post(`/api/conversations/${id}/messages`)
      .send({ type: 'note', body: 'Ich schaue nach.', clientMessageId: randomUUID() });
    await eva.post(`/api/conversations/${id}/messages`).send({
      type: 'suggestion',
      body: 'Entwurf für später.',
      clientMessageId: randomUUID(),
    });
    expect(await waiting(id)).toEqual([]);
  });
});
