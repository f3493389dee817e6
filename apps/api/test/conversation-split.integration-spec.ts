import { randomUUID } from 'node:crypto';
import type {
  ConversationListDto,
  HandoffDto,
  SplitResultDto,
  TimelineDto,
  TimelineEntryDto,
} from '@touchpoint/shared';
import type { Channel } from '../src/modules/channels/channel.entity';
import { makeChannel, postApiMessage } from './helpers/channels';
import { conversationsOfContact, waitForConversationOf } from './helpers/conversations';
import { drainQueues } from './helpers/drain-queues';
import { makeTeam, makeUser, type MadeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { startTestApp, type TestApp } from './helpers/test-app';

type Api = ReturnType<typeof as>;

/**
 * A thread that holds two issues is split at a message: it and everything after it become a new
 * conversation of the same customer in a team's queue, every message in exactly one of the two.
 */
describe('splitting a conversation', () => {
  let t: TestApp;
  let serviceChannel: Channel;
  let salesForm: Channel;
  let serviceId: string;
  let salesId: string;
  let users: Record<'eva' | 'otto' | 'clara', MadeUser>;
  let eva: Api;
  let otto: Api;
  let clara: Api;

  beforeAll(async () => {
    t = await startTestApp();
    serviceId = (await makeTeam(t.db, 'Service')).id;
    salesId = (await makeTeam(t.db, 'Sales')).id;
    const config = (n: number) => ({
      secret: `split-secret-${n}-0123456789abcdef`,
      callbackUrl: 'http://127.0.0.1:9/none',
    });
    serviceChannel = await makeChannel(t.db, 'api', serviceId, config(1), 'Service API');
    salesForm = await makeChannel(t.db, 'api', salesId, config(2), 'Angebotsanfrage');
    users = {
      eva: await makeUser(t.db, { teams: [serviceId], name: 'Eva' }),
      otto: await makeUser(t.db, { teams: [serviceId], name: 'Otto' }),
      clara: await makeUser(t.db, { teams: [salesId], name: 'Clara' }),
    };
    [eva, otto, clara] = await Promise.all(
      [users.eva, users.otto, users.clara].map(async (u) =>
        as(t.url, (await login(t.url, u)).accessToken),
      ),
    );
  });
  afterAll(() => t.close());

  const write = async (channel: Channel, email: string, text: string) => {
    await postApiMessage(t.url, channel, { id: randomUUID(), contact: { email }, text });
    await drainQueues(t);
  };
  const timelineOf = async (api: Api, id: string) =>
    ((await api.get(`/api/conversations/${id}/timeline?limit=500`)).body as TimelineDto).entries;
  const messages = (entries: TimelineEntryDto[]) =>
    entries.flatMap((e) => (e.type === 'message' ? [e.message] : []));

  /** Eva's conversation: the customer's first issue, her note, then a second issue and more. */
  async function thread(email: string) {
    await write(serviceChannel, email, 'M1 Mein Stuhl wackelt.');
    const id = await waitForConversationOf(t.db, email);
    expect((await eva.post(`/api/conversations/${id}/claim`)).status).toBe(200);
    const note = await eva
      .post(`/api/conversations/${id}/messages`)
      .send({ type: 'note', body: 'M2 Ersatzteil bestellt', clientMessageId: randomUUID() });
    expect(note.status).toBe(201);
    await write(serviceChannel, email, 'M3 Außerdem: meine Adresse hat sich geändert.');
    await write(serviceChannel, email, 'M4 Neue Adresse: Hauptstr. 1');
    return id;
  }

  it('moves the message and what follows into a new conversation in the team’s queue, each message once and in order', async () => {
    const email = `kunde-${randomUUID().slice(0, 8)}@example.test`;
    const id = await thread(email);
    const before = await timelineOf(eva, id);
    const m3 = messages(before).find((m) => m.text.startsWith('M3'))!;

    const answer = await eva
      .post(`/api/conversations/${id}/split`)
      .send({ messageId: m3.id, teamId: salesId, note: 'Adressänderung ist ein eigenes Anliegen' });
    expect(answer.status).toBe(200);
    const { conversation, split } = answer.body as SplitResultDto;
    expect(split.contact.id).toBe(conversation.contact.id);
    expect([split.owner, split.team?.id, split.status]).toEqual([null, salesId, 'open']);
    expect(conversation.timelineEpoch).toBe(1);
    const stored: { payload: unknown }[] = await t.db.query(
      `SELECT payload FROM outbox_events WHERE name = 'conversation.split' AND payload->>'conversationId' = $1`,
      [id],
    );
    expect(stored.map((e) => e.payload)).toEqual([
      { conversationId: id, splitConversationId: split.id },
    ]);

    const left = await timelineOf(eva, id);
    const moved = await timelineOf(clara, split.id);
    expect(messages(left).map((m) => m.text)).toEqual([
      'M1 Mein Stuhl wackelt.',
      'M2 Ersatzteil bestellt',
    ]);
    expect(messages(moved).map((m) => m.text)).toEqual([
      'M3 Außerdem: meine Adresse hat sich geändert.',
      'M4 Neue Adresse: Hauptstr. 1',
    ]);
    // Every message exactly once across both, each thread in its seq order without doubles.
    const all = [...messages(left), ...messages(moved)].map((m) => m.id).sort();
    expect(all).toEqual(
      messages(before)
        .map((m) => m.id)
        .sort(),
    );
    expect(moved.map((e) => e.seq)).toEqual(moved.map((_, i) => i + 1));
    for (const entries of [left, moved])
      expect(entries.map((e) => e.seq)).toEqual(
        [...entries.map((e) => e.seq)].sort((x, y) => x - y),
      );
    // Each names the other.
    const lastOf = (entries: TimelineEntryDto[]) => entries[entries.length - 1];
    const here = lastOf(left);
    const there = lastOf(moved);
    expect(here.type === 'event' && [here.event.kind, here.event.data.conversation]).toEqual([
      'conversation.split',
      { id: split.id, subject: null },
    ]);
    expect(there.type === 'event' && [there.event.kind, there.event.data]).toMatchObject([
      'conversation.split_from',
      { conversation: { id }, note: 'Adressänderung ist ein eigenes Anliegen' },
    ]);
    // It waits in Sales' queue, unread, with the customer's latest words as its preview.
    const queue = (await clara.get(`/api/conversations?view=unassigned&teamId=${salesId}`))
      .body as ConversationListDto;
    expect(queue.items.map((c) => c.id)).toContain(split.id);
    expect(split.unreadCount).toBe(2);
    expect(split.preview?.text).toBe('M4 Neue Adresse: Hauptstr. 1');
  });

  it('refuses a split that does not fit, naming the field', async () => {
    const email = `kunde-${randomUUID().slice(0, 8)}@example.test`;
    const id = await thread(email);
    const msgs = messages(await timelineOf(eva, id));
    const other = `anderer-${randomUUID().slice(0, 8)}@example.test`;
    await write(serviceChannel, other, 'Andere Frage.');
    const otherId = await waitForConversationOf(t.db, other);
    const otherMessage = messages(await timelineOf(eva, otherId))[0];

    const split = (api: Api, body: unknown) =>
      api.post(`/api/conversations/${id}/split`).send(body as object);
    const cases: [unknown, number, string][] = [
      [{ messageId: randomUUID() }, 422, 'messageId names no message'],
      [{ messageId: otherMessage.id }, 422, 'messageId is not a message of this conversation'],
      [
        { messageId: msgs[0].id },
        422,
        'messageId is the first message of the conversation: nothing would stay behind',
      ],
      [{ messageId: msgs[2].id, teamId: randomUUID() }, 422, 'teamId names no team'],
    ];
    for (const [body, status, message] of cases) {
      const answer = await split(eva, body);
      expect([answer.status, answer.body.message]).toEqual([status, message]);
    }
    const invalid = await split(eva, { messageId: 'x' });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body)).toContain('messageId');
    // Otto is in the team but Eva owns it.
    expect((await split(otto, { messageId: msgs[2].id })).status).toBe(403);
    expect(await conversationsOfContact(t.db, email)).toHaveLength(1);
  });

  it('splits an automatic consult’s request into its own conversation in that team’s queue', async () => {
    const email = `kunde-${randomUUID().slice(0, 8)}@example.test`;
    await write(serviceChannel, email, 'Mein Stuhl ist kaputt angekommen.');
    const id = await waitForConversationOf(t.db, email);
    expect((await eva.post(`/api/conversations/${id}/claim`)).status).toBe(200);
    await write(salesForm, email, 'Außerdem hätte ich gern ein Angebot für 20 Tische.');
    const [consult] = (await eva.get(`/api/conversations/${id}/handoffs`)).body as HandoffDto[];
    expect([consult.kind, consult.status, consult.team?.id]).toEqual([
      'consult',
      'requested',
      salesId,
    ]);

    // Otto neither owns it nor works in Sales.
    expect((await otto.post(`/api/handoffs/${consult.id}/split`).send({})).status).toBe(403);
    const answer = await clara.post(`/api/handoffs/${consult.id}/split`).send({});
    expect(answer.status).toBe(200);
    const { split } = answer.body as SplitResultDto;
    expect([split.team?.id, split.owner]).toEqual([salesId, null]);
    const queue = (await clara.get(`/api/conversations?view=unassigned&teamId=${salesId}`))
      .body as ConversationListDto;
    expect(queue.items.map((c) => c.id)).toContain(split.id);
    expect(messages(await timelineOf(clara, split.id)).map((m) => m.text)).toEqual([
      'Außerdem hätte ich gern ein Angebot für 20 Tische.',
    ]);
    expect(messages(await timelineOf(eva, id)).map((m) => m.text)).toEqual([
      'Mein Stuhl ist kaputt angekommen.',
    ]);
    const [after] = (await eva.get(`/api/conversations/${id}/handoffs`)).body as HandoffDto[];
    expect(after.status).toBe('cancelled');
    const cancelled = (await timelineOf(eva, id)).find(
      (e) => e.type === 'event' && e.event.kind === 'handoff.cancelled',
    );
    expect(cancelled?.type === 'event' && cancelled.event.data.note).toBe(
      'Split into its own conversation',
    );
    // Once split, it cannot be split again.
    expect((await clara.post(`/api/handoffs/${consult.id}/split`).send({})).status).toBe(409);
  });
});
