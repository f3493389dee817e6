import { randomUUID } from 'node:crypto';
import type {
  BulkConversationsResultDto,
  ConversationUpdatedPayload,
  ConversationListDto,
  ConversationSummaryDto,
  LabelDto,
  TimelineDto,
} from '@touchpoint/shared';
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
 * Labels: supervisors and admins keep the workspace's labels; whoever may see a conversation adds
 * and removes its labels, the list filters by them, and bulk actions from the list apply one action
 * to many conversations, each by the rules of the single action.
 */
describe('labels and bulk actions', () => {
  let t: TestApp;
  let channel: Channel;
  let serviceId: string;
  let users: Record<'eva' | 'ben' | 'otto' | 'sue', MadeUser>;
  let api: Record<'eva' | 'ben' | 'otto' | 'sue', Api>;
  let tokens: Record<'eva' | 'ben' | 'otto' | 'sue', string>;

  beforeAll(async () => {
    t = await startTestApp();
    serviceId = (await makeTeam(t.db, 'Service')).id;
    const otherId = (await makeTeam(t.db, 'Other')).id;
    channel = await makeChannel(t.db, 'api', serviceId, {
      secret: 'labels-secret-0123456789abcdef',
      callbackUrl: 'http://127.0.0.1:9/none',
    });
    users = {
      eva: await makeUser(t.db, { teams: [serviceId], name: 'Eva Berger' }),
      ben: await makeUser(t.db, { teams: [serviceId], name: 'Ben Weber' }),
      otto: await makeUser(t.db, { teams: [otherId], name: 'Otto Outsider' }),
      sue: await makeUser(t.db, { role: 'supervisor', name: 'Sue Supervisor' }),
    };
    const entries = await Promise.all(
      Object.entries(users).map(async ([key, u]) => [key, (await login(t.url, u)).accessToken]),
    );
    tokens = Object.fromEntries(entries) as typeof tokens;
    api = Object.fromEntries(entries.map(([key, token]) => [key, as(t.url, token)])) as typeof api;
  });
  afterAll(() => t.close());

  /** A new conversation waiting unowned in Service's queue. */
  const newConversation = async (): Promise<string> => {
    const email = `kunde-${randomUUID().slice(0, 8)}@example.test`;
    await postApiMessage(t.url, channel, {
      id: randomUUID(),
      contact: { email },
      text: 'Wo bleibt meine Bestellung?',
    });
    await drainQueues(t);
    return waitForConversationOf(t.db, email);
  };
  const claim = async (who: Api, id: string) =>
    expect((await who.post(`/api/conversations/${id}/claim`)).status).toBe(200);
  const makeLabel = async (name: string, color = '#d1242f'): Promise<LabelDto> => {
    const res = await api.sue.post('/api/labels').send({ name, color });
    expect(res.status).toBe(201);
    return res.body as LabelDto;
  };
  const labelIdsOf = async (id: string): Promise<string[]> => {
    const [row]: { label_ids: string[] }[] = await t.db.query(
      'SELECT label_ids FROM conversations WHERE id = $1',
      [id],
    );
    return row.label_ids;
  };
  const labelEvents = async (id: string) => {
    const timeline = (await api.sue.get(`/api/conversations/${id}/timeline`)).body as TimelineDto;
    return timeline.entries.flatMap((e) =>
      e.type === 'event' && e.event.kind.startsWith('conversation.') && 'label' in e.event.data
        ? [{ kind: e.event.kind, label: e.event.data['label'] }]
        : [],
    );
  };

  it('lets supervisors and admins keep the labels, and names what is wrong', async () => {
    const agent = await api.eva.post('/api/labels').send({ name: 'VIP', color: '#000000' });
    expect(agent.status).toBe(403);

    const vip = await makeLabel(`VIP ${randomUUID().slice(0, 4)}`, '#8250DF');
    expect(vip.color).toBe('#8250df');
    expect((await api.eva.get('/api/labels')).body).toContainEqual(vip);

    const twice = await api.sue
      .post('/api/labels')
      .send({ name: vip.name.toLowerCase(), color: '#000000' });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toContain('name');

    const badColour = await api.sue.post('/api/labels').send({ name: 'Rot', color: 'red' });
    expect(badColour.status).toBe(400);
    expect(JSON.stringify(badColour.body)).toContain('color');

    const renamed = await api.sue.patch(`/api/labels/${vip.id}`).send({ name: `${vip.name}!` });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: vip.id, name: `${vip.name}!` });
  });

  it('adds and removes a label on a conversation the agent sees, once, and filters the list by it', async () => {
    const complaint = await makeLabel(`Reklamation ${randomUUID().slice(0, 4)}`);
    const mine = await newConversation();
    const other = await newConversation();
    await claim(api.eva, mine);
    await claim(api.eva, other);

    const added = await api.eva
      .post(`/api/conversations/${mine}/labels`)
      .send({ labelId: complaint.id });
    expect(added.status).toBe(200);
    expect((added.body as ConversationSummaryDto).labelIds).toEqual([complaint.id]);
    // Asked again (a retry): no second label, no second timeline entry.
    expect(
      (await api.eva.post(`/api/conversations/${mine}/labels`).send({ labelId: complaint.id }))
        .status,
    ).toBe(200);
    expect(await labelIdsOf(mine)).toEqual([complaint.id]);
    expect(await labelEvents(mine)).toEqual([
      {
        kind: 'conversation.labeled',
        label: { id: complaint.id, name: complaint.name, color: complaint.color },
      },
    ]);

    const filtered = (await api.eva.get(`/api/conversations?view=mine&labelId=${complaint.id}`))
      .body as ConversationListDto;
    expect(filtered.items.map((c) => c.id)).toEqual([mine]);
    const unfiltered = (await api.eva.get('/api/conversations?view=mine'))
      .body as ConversationListDto;
    expect(unfiltered.items.map((c) => c.id)).toEqual(expect.arrayContaining([mine, other]));

    // Someone who may not see the conversation may not label it either.
    const outsider = await api.otto
      .post(`/api/conversations/${mine}/labels`)
      .send({ labelId: complaint.id });
    expect(outsider.status).toBe(403);
    // A colleague's conversation stays the owner's.
    expect((await api.ben.delete(`/api/conversations/${mine}/labels/${complaint.id}`)).status).toBe(
      403,
    );

    const unknown = await api.eva
      .post(`/api/conversations/${mine}/labels`)
      .send({ labelId: randomUUID() });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('labelId');
    const badFilter = await api.eva.get('/api/conversations?view=mine&labelId=nope');
    expect(badFilter.status).toBe(400);
    expect(JSON.stringify(badFilter.body)).toContain('labelId');

    const removed = await api.eva.delete(`/api/conversations/${mine}/labels/${complaint.id}`);
    expect(removed.status).toBe(200);
    expect((removed.body as ConversationSummaryDto).labelIds).toEqual([]);
    expect((await labelEvents(mine)).map((e) => e.kind)).toEqual([
      'conversation.labeled',
      'conversation.unlabeled',
    ]);
    const none = (await api.eva.get(`/api/conversations?view=mine&labelId=${complaint.id}`))
      .body as ConversationListDto;
    expect(none.items).toEqual([]);
  });

  it('tells the owner’s open inbox live when a label is added', async () => {
    const vip = await makeLabel(`Live ${randomUUID().slice(0, 4)}`);
    const id = await newConversation();
    await claim(api.eva, id);
    const socket = await readyStaff(t.url, tokens.eva);
    try {
      const updated = once<ConversationUpdatedPayload>(
        socket,
        'conversation.updated',
        (p) => p.conversationId === id && p.conversation.labelIds.includes(vip.id),
      );
      expect(
        (await api.sue.post(`/api/conversations/${id}/labels`).send({ labelId: vip.id })).status,
      ).toBe(200);
      expect((await updated).conversation.labelIds).toEqual([vip.id]);
    } finally {
      socket.close();
    }
  });

  it('takes a deleted label off every conversation', async () => {
    const temporary = await makeLabel(`Temp ${randomUUID().slice(0, 4)}`);
    const id = await newConversation();
    await api.sue.post(`/api/conversations/${id}/labels`).send({ labelId: temporary.id });
    expect(await labelIdsOf(id)).toEqual([temporary.id]);
    expect((await api.eva.delete(`/api/labels/${temporary.id}`)).status).toBe(403);
    expect((await api.sue.delete(`/api/labels/${temporary.id}`)).status).toBe(204);
    expect(await labelIdsOf(id)).toEqual([]);
  });

  it('labels and resolves in bulk what the agent may, and says why not for the rest', async () => {
    const urgent = await makeLabel(`Dringend ${randomUUID().slice(0, 4)}`);
    const evas = await newConversation();
    const queued = await newConversation();
    const bens = await newConversation();
    await claim(api.eva, evas);
    await claim(api.ben, bens);

    const labeled = await api.eva
      .post('/api/conversations/bulk')
      .send({ conversationIds: [evas, queued, bens], action: 'label', labelId: urgent.id });
    expect(labeled.status).toBe(200);
    const result = labeled.body as BulkConversationsResultDto;
    expect(result).toMatchObject({ done: 2, refused: 1 });
    expect(result.results).toEqual([
      { conversationId: evas, outcome: 'done' },
      { conversationId: queued, outcome: 'done' },
      {
        conversationId: bens,
        outcome: 'refused',
        code: 'conversations.forbidden',
        reason: expect.stringContaining('access'),
      },
    ]);
    expect(await labelIdsOf(evas)).toEqual([urgent.id]);
    expect(await labelIdsOf(queued)).toEqual([urgent.id]);
    expect(await labelIdsOf(bens)).toEqual([]);

    const resolved = (
      await api.eva
        .post('/api/conversations/bulk')
        .send({ conversationIds: [evas, bens], action: 'resolve' })
    ).body as BulkConversationsResultDto;
    expect(resolved.results.map((r) => r.outcome)).toEqual(['done', 'refused']);
    const statuses: { id: string; status: string }[] = await t.db.query(
      'SELECT id, status FROM conversations WHERE id = ANY($1::uuid[])',
      [[evas, bens]],
    );
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({
      [evas]: 'resolved',
      [bens]: 'open',
    });

    const unlabeled = (
      await api.eva
        .post('/api/conversations/bulk')
        .send({ conversationIds: [queued], action: 'unlabel', labelId: urgent.id })
    ).body as BulkConversationsResultDto;
    expect(unlabeled.done).toBe(1);
    expect(await labelIdsOf(queued)).toEqual([]);
  });

  it('assigns in bulk: supervisors to anyone or a team, agents only to themselves', async () => {
    const a = await newConversation();
    const b = await newConversation();
    const missing = randomUUID();

    const byAgent = await api.eva
      .post('/api/conversations/bulk')
      .send({ conversationIds: [a], action: 'assign', userId: users.ben.id });
    expect(byAgent.status).toBe(403);

    const toSelf = (
      await api.eva
        .post('/api/conversations/bulk')
        .send({ conversationIds: [a], action: 'assign', userId: users.eva.id })
    ).body as BulkConversationsResultDto;
    expect(toSelf.done).toBe(1);

    const bySupervisor = (
      await api.sue
        .post('/api/conversations/bulk')
        .send({ conversationIds: [a, b, missing], action: 'assign', userId: users.ben.id })
    ).body as BulkConversationsResultDto;
    expect(bySupervisor.results).toEqual([
      { conversationId: a, outcome: 'done' },
      { conversationId: b, outcome: 'done' },
      expect.objectContaining({
        conversationId: missing,
        outcome: 'refused',
        code: 'conversation.not_found',
      }),
    ]);
    const owners: { id: string; owner_id: string | null }[] = await t.db.query(
      'SELECT id, owner_id FROM conversations WHERE id = ANY($1::uuid[])',
      [[a, b]],
    );
    expect(owners.map((o) => o.owner_id)).toEqual([users.ben.id, users.ben.id]);

    // To the team's queue: unowned again, waiting for Service.
    const toQueue = (
      await api.sue
        .post('/api/conversations/bulk')
        .send({ conversationIds: [a], action: 'assign', teamId: serviceId })
    ).body as BulkConversationsResultDto;
    expect(toQueue.done).toBe(1);
    const [row]: { owner_id: string | null; team_id: string }[] = await t.db.query(
      'SELECT owner_id, team_id FROM conversations WHERE id = $1',
      [a],
    );
    expect(row).toEqual({ owner_id: null, team_id: serviceId });

    const unknownUser = await api.sue
      .post('/api/conversations/bulk')
      .send({ conversationIds: [a], action: 'assign', userId: randomUUID() });
    expect(unknownUser.status).toBe(400);
    expect(unknownUser.body.message).toContain('userId');
  });

  it('refuses a bulk request that is too big or incomplete, naming the field', async () => {
    const tooMany = await api.sue.post('/api/conversations/bulk').send({
      conversationIds: Array.from({ length: 101 }, () => randomUUID()),
      action: 'resolve',
    });
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.body)).toContain('conversationIds');
    const noLabel = await api.sue
      .post('/api/conversations/bulk')
      .send({ conversationIds: [randomUUID()], action: 'label' });
    expect(noLabel.status).toBe(400);
    expect(JSON.stringify(noLabel.body)).toContain('labelId');
  });
});
