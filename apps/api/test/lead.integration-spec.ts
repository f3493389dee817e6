import { randomUUID } from 'node:crypto';
import type {
  ConversationDto,
  ConversationListDto,
  HandoffDto,
  TeamDto,
  TimelineDto,
} from '@touchpoint/shared';
import type { Channel } from '../src/modules/channels/channel.entity';
import { makeChannel, postApiMessage } from './helpers/channels';
import { waitForConversationOf } from './helpers/conversations';
import { drainQueues } from './helpers/drain-queues';
import { makeTeam, makeUser, type MadeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { startTestApp, type TestApp } from './helpers/test-app';

type Api = ReturnType<typeof as>;

/**
 * "Mark as lead": a Service agent's conversation reaches Sales' queue with its channel and the
 * qualification, as a consult (the agent keeps the customer) or a transfer (Sales takes over).
 */
describe('marking a conversation as a sales lead', () => {
  let t: TestApp;
  let chat: Channel;
  let serviceId: string;
  let salesId: string;
  let marketingId: string;
  let users: Record<'eva' | 'clara' | 'admin', MadeUser>;
  let eva: Api;
  let clara: Api;
  let admin: Api;

  beforeAll(async () => {
    t = await startTestApp();
    serviceId = (await makeTeam(t.db, 'Service')).id;
    salesId = (await makeTeam(t.db, 'Sales')).id;
    marketingId = (await makeTeam(t.db, 'Marketing')).id;
    chat = await makeChannel(t.db, 'api', serviceId, {
      secret: 'lead-secret-0123456789-abcdef',
      callbackUrl: 'http://127.0.0.1:9/none',
    });
    await t.db.query('UPDATE channels SET name = $2 WHERE id = $1', [chat.id, 'Website-Chat']);
    users = {
      eva: await makeUser(t.db, { teams: [serviceId], name: 'Eva' }),
      clara: await makeUser(t.db, { teams: [salesId], name: 'Clara' }),
      admin: await makeUser(t.db, { role: 'admin', name: 'Ada' }),
    };
    [eva, clara, admin] = await Promise.all(
      [users.eva, users.clara, users.admin].map(async (u) =>
        as(t.url, (await login(t.url, u)).accessToken),
      ),
    );
  });
  afterAll(() => t.close());

  /** A new customer writes to the Service chat and Eva claims the conversation. */
  const ownedConversation = async (text: string): Promise<string> => {
    const email = `kunde-${randomUUID().slice(0, 8)}@example.test`;
    await postApiMessage(t.url, chat, { id: randomUUID(), contact: { email }, text });
    await drainQueues(t);
    const id = await waitForConversationOf(t.db, email);
    expect((await eva.post(`/api/conversations/${id}/claim`)).status).toBe(200);
    return id;
  };

  it('one team receives leads: naming another takes it over', async () => {
    const first = await admin.patch(`/api/teams/${marketingId}`).send({ receivesLeads: true });
    expect(first.status).toBe(200);
    const second = await admin.patch(`/api/teams/${salesId}`).send({ receivesLeads: true });
    expect((second.body as TeamDto).receivesLeads).toBe(true);
    const teams = (await admin.get('/api/teams')).body as TeamDto[];
    expect(teams.filter((team) => team.receivesLeads).map((team) => team.id)).toEqual([salesId]);
  });

  it('reaches Sales’ queue as a consult with channel and qualification; the owner keeps it', async () => {
    const id = await ownedConversation('Was kosten 40 Bürostühle mit Lieferung?');
    const note = 'Needs 40 office chairs by March, budget approved, wants a quote';
    const res = await eva.post(`/api/conversations/${id}/lead`).send({ note });
    expect(res.status).toBe(201);
    expect(res.body as HandoffDto).toMatchObject({
      kind: 'consult',
      status: 'requested',
      lead: true,
      note,
      team: { id: salesId },
      requestedBy: { id: users.eva.id },
    });

    const queue = (await clara.get('/api/handoffs?view=queue')).body as HandoffDto[];
    const lead = queue.find((h) => h.conversationId === id);
    expect(lead).toMatchObject({
      lead: true,
      note,
      conversation: { channel: { id: chat.id, kind: 'api', name: 'Website-Chat' } },
    });
    // The badge in the thread and in the list, and "marked as lead" in the history.
    const conversation = (await eva.get(`/api/conversations/${id}`)).body as ConversationDto;
    expect(conversation.leadAt).not.toBeNull();
    expect(conversation.owner?.id).toBe(users.eva.id);
    const mine = (await eva.get('/api/conversations?view=mine')).body as ConversationListDto;
    expect(mine.items.find((c) => c.id === id)?.leadAt).toBe(conversation.leadAt);
    const timeline = (await eva.get(`/api/conversations/${id}/timeline`)).body as TimelineDto;
    const marked = timeline.entries.find(
      (e) => e.type === 'event' && e.event.kind === 'conversation.marked_lead',
    );
    expect(marked?.type === 'event' && marked.event.data).toMatchObject({
      handoffId: lead?.id,
      kind: 'consult',
      note,
      team: { id: salesId, name: 'Sales' },
    });

    // Sales accepts, sees the whole history; Eva stays the owner.
    expect((await clara.post(`/api/handoffs/${lead?.id}/accept`)).status).toBe(200);
    const seen = await clara.get(`/api/conversations/${id}/timeline`);
    expect(seen.status).toBe(200);
    expect(
      (seen.body as TimelineDto).entries.some(
        (e) => e.type === 'message' && e.message.text.includes('40 Bürostühle'),
      ),
    ).toBe(true);
    const after = (await eva.get(`/api/conversations/${id}`)).body as ConversationDto;
    expect(after.owner?.id).toBe(users.eva.id);
    expect(after.team?.id).toBe(serviceId);
  });

  it('as a transfer, moves the conversation to Sales once accepted', async () => {
    const id = await ownedConversation('Ich möchte einen Rahmenvertrag für 3 Jahre.');
    const res = await eva
      .post(`/api/conversations/${id}/lead`)
      .send({ kind: 'transfer', note: 'Framework contract, 3 years, 200 seats' });
    expect(res.status).toBe(201);
    const handoff = res.body as HandoffDto;
    expect(handoff).toMatchObject({ kind: 'transfer', lead: true, team: { id: salesId } });
    expect((await clara.post(`/api/handoffs/${handoff.id}/accept`)).status).toBe(200);
    const after = (await clara.get(`/api/conversations/${id}`)).body as ConversationDto;
    expect(after.owner?.id).toBe(users.clara.id);
    expect(after.team?.id).toBe(salesId);
    expect(after.leadAt).not.toBeNull();
  });

  it('goes to another team when the dialog names one', async () => {
    const id = await ownedConversation('Können Sie uns auf der Messe besuchen?');
    const res = await eva
      .post(`/api/conversations/${id}/lead`)
      .send({ teamId: marketingId, note: 'Trade fair visit, 5 booths, wants a call' });
    expect(res.status).toBe(201);
    expect((res.body as HandoffDto).team?.id).toBe(marketingId);
  });

  it('refuses an empty note or an unknown team, naming the field, and changes nothing', async () => {
    const id = await ownedConversation('Haben Sie auch Tische?');
    const empty = await eva.post(`/api/conversations/${id}/lead`).send({ note: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ statusCode: 400, error: expect.any(String) });
    expect(empty.body.message).toContain('note');
    const missing = await eva.post(`/api/conversations/${id}/lead`).send({});
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('note');
    const unknown = await eva
      .post(`/api/conversations/${id}/lead`)
      .send({ teamId: randomUUID(), note: 'Tables for a canteen, 30 pieces' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('teamId');
    const kind = await eva
      .post(`/api/conversations/${id}/lead`)
      .send({ kind: 'escalate', note: 'Tables for a canteen, 30 pieces' });
    expect(kind.status).toBe(400);
    expect(kind.body.message).toContain('kind');

    const conversation = (await eva.get(`/api/conversations/${id}`)).body as ConversationDto;
    expect(conversation.leadAt).toBeNull();
    expect((await eva.get(`/api/conversations/${id}/handoffs`)).body).toEqual([]);
  });

  it('without a team that receives leads, asks for one', async () => {
    const id = await ownedConversation('Angebot für Lampen bitte.');
    expect((await admin.patch(`/api/teams/${salesId}`).send({ receivesLeads: false })).status).toBe(
      200,
    );
    const res = await eva
      .post(`/api/conversations/${id}/lead`)
      .send({ note: 'Lamps for 3 offices, wants a quote' });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('teamId');
    await admin.patch(`/api/teams/${salesId}`).send({ receivesLeads: true });
  });

  it('is for the owner: another agent is refused', async () => {
    const id = await ownedConversation('Preisliste bitte.');
    const res = await clara
      .post(`/api/conversations/${id}/lead`)
      .send({ note: 'Price list for a reseller' });
    expect([403, 404]).toContain(res.status);
  });
});
