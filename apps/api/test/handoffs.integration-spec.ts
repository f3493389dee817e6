import { randomUUID } from 'node:crypto';
import type { HandoffDto, NotificationListDto, TimelineDto } from '@touchpoint/shared';
import type { Channel } from '../src/modules/channels/channel.entity';
import { makeChannel, postApiMessage } from './helpers/channels';
import { waitForConversationOf } from './helpers/conversations';
import { drainQueues } from './helpers/drain-queues';
import { makeTeam, makeUser, type MadeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

type Api = ReturnType<typeof as>;

describe('handoffs: consult and transfer', () => {
  let t: TestApp;
  let channel: Channel;
  let marketingId: string;
  let salesId: string;
  let serviceId: string;
  let eva: Api;
  let clara: Api;
  let david: Api;
  let anna: Api;
  let users: Record<string, MadeUser>;

  const NOTE = 'Kunde fragt nach dem Angebot für 20 Stühle, Lieferung bis Freitag zugesagt.';

  beforeAll(async () => {
    t = await startTestApp();
    marketingId = (await makeTeam(t.db, 'Marketing')).id;
    salesId = (await makeTeam(t.db, 'Sales')).id;
    serviceId = (await makeTeam(t.db, 'Service')).id;
    channel = await makeChannel(t.db, 'api', marketingId, {
      secret: 'handoff-secret-0123456789',
      callbackUrl: 'http://127.0.0.1:9/none',
    });
    users = {
      eva: await makeUser(t.db, { teams: [marketingId], name: 'Eva' }),
      clara: await makeUser(t.db, { teams: [salesId], name: 'Clara' }),
      david: await makeUser(t.db, { teams: [salesId], name: 'David' }),
      anna: await makeUser(t.db, { teams: [serviceId], name: 'Anna' }),
    };
    const token = async (u: MadeUser) => as(t.url, (await login(t.url, u)).accessToken);
    [eva, clara, david, anna] = await Promise.all([
      token(users.eva),
      token(users.clara),
      token(users.david),
      token(users.anna),
    ]);
  });
  afterAll(() => t.close());

  /** A conversation in Marketing's queue, claimed by Eva. */
  async function evasConversation(): Promise<string> {
    const email = `kunde-${randomUUID().slice(0, 8)}@example.test`;
    await postApiMessage(t.url, channel, {
      id: randomUUID(),
      contact: { email },
      text: 'Angebot und Reklamation',
    });
    const id = await waitForConversationOf(t.db, email);
    expect((await eva.post(`/api/conversations/${id}/claim`)).status).toBe(200);
    return id;
  }

  const kinds = async (api: Api, id: string) =>
    ((await api.get(`/api/conversations/${id}/timeline`)).body as TimelineDto).entries.flatMap(
      (e) => (e.type === 'event' ? [e.event.kind] : []),
    );

  it('runs a consult: requested → accepted (once) → completed, with scoped access for the specialist', async () => {
    const id = await evasConversation();
    expect((await clara.get(`/api/conversations/${id}`)).status).toBe(403);

    const short = await eva
      .post(`/api/conversations/${id}/handoffs`)
      .send({ kind: 'consult', teamId: salesId, note: 'Hilfe' });
    expect(short.status).toBe(400);
    expect(short.body.message).toContain('note must summarise the case in at least 10 characters');
    const both = await eva
      .post(`/api/conversations/${id}/handoffs`)
      .send({ kind: 'consult', note: NOTE });
    expect(both.body.message).toContain('name either a teamId or a userId');
    expect(
      (
        await anna
          .post(`/api/conversations/${id}/handoffs`)
          .send({ kind: 'consult', teamId: salesId, note: NOTE })
      ).status,
    ).toBe(403);

    const requested = await eva
      .post(`/api/conversations/${id}/handoffs`)
      .send({ kind: 'consult', teamId: salesId, note: NOTE });
    expect(requested.status).toBe(201);
    const consult = requested.body as HandoffDto;
    expect(consult).toMatchObject({
      kind: 'consult',
      status: 'requested',
      note: NOTE,
      team: { id: salesId, name: 'Sales' },
      requestedBy: { name: 'Eva' },
    });
    expect(
      (
        await eva
          .post(`/api/conversations/${id}/handoffs`)
          .send({ kind: 'consult', teamId: salesId, note: NOTE })
      ).status,
    ).toBe(409);

    const queue = (await clara.get('/api/handoffs?view=queue')).body as HandoffDto[];
    expect(queue.map((h) => h.id)).toContain(consult.id);

    // Anna is not in Sales.
    expect((await anna.post(`/api/handoffs/${consult.id}/accept`)).status).toBe(403);
    const race = await Promise.all([
      clara.post(`/api/handoffs/${consult.id}/accept`),
      david.post(`/api/handoffs/${consult.id}/accept`),
    ]);
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = race.find((r) => r.status === 200)?.body as HandoffDto;
    const loser = race.find((r) => r.status === 409);
    expect(loser?.body.message).toBe(`${winner.assignee?.name} accepted this consult already`);
    const specialist = winner.assignee?.name === 'Clara' ? clara : david;
    const other = specialist === clara ? david : clara;

    // The specialist sees this conversation (and only this one), writes notes, but does not answer the customer.
    expect((await specialist.get(`/api/conversations/${id}`)).status).toBe(200);
    expect((await other.get(`/api/conversations/${id}`)).status).toBe(403);
    // The contact profile too, with only the conversations each may see.
    const contactId = (await specialist.get(`/api/conversations/${id}`)).body.contact.id as string;
    const profile = await specialist.get(`/api/contacts/${contactId}`);
    expect(profile.status).toBe(200);
    expect(profile.body.conversations.map((c: { id: string }) => c.id)).toEqual([id]);
    expect((await other.get(`/api/contacts/${contactId}`)).status).toBe(403);
    expect((await specialist.get('/api/conversations/counts')).body.participating).toBe(1);
    const note = await specialist
      .post(`/api/conversations/${id}/messages`)
      .send({ type: 'note', body: 'Angebot: 20 Stühle à 89 €', clientMessageId: randomUUID() });
    expect(note.status).toBe(201);
    const reply = await specialist
      .post(`/api/conversations/${id}/messages`)
      .send({ type: 'reply', body: 'Hallo!', clientMessageId: randomUUID() });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe('messages.not_owner');

    expect(
      (await other.post(`/api/handoffs/${consult.id}/complete`).send({ summary: 'x y z' })).status,
    ).toBe(403);
    const done = await specialist
      .post(`/api/handoffs/${consult.id}/complete`)
      .send({ summary: 'Angebot als Notiz hinterlegt' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'completed',
      summary: 'Angebot als Notiz hinterlegt',
    });
    expect((await specialist.post(`/api/handoffs/${consult.id}/accept`)).status).toBe(409);

    expect(await kinds(eva, id)).toEqual(
      expect.arrayContaining([
        'conversation.assigned',
        'handoff.requested',
        'handoff.accepted',
        'handoff.completed',
      ]),
    );
    const participants = (await eva.get(`/api/conversations/${id}/participants`)).body;
    expect(participants).toEqual([
      expect.objectContaining({
        user: { id: winner.assignee?.id, name: winner.assignee?.name },
        via: 'consult',
      }),
    ]);
    expect(participants[0].expiresAt).not.toBeNull();
    const owner = (await eva.get(`/api/conversations/${id}`)).body.owner;
    expect(owner.name).toBe('Eva');
  });

  it('revokes the specialist’s access when the grace period ends', async () => {
    await t.db.query('UPDATE teams SET participant_grace_seconds = 1 WHERE id = $1', [salesId]);
    const id = await evasConversation();
    const { id: handoffId } = (
      await eva
        .post(`/api/conversations/${id}/handoffs`)
        .send({ kind: 'consult', teamId: salesId, note: NOTE })
    ).body;
    expect((await clara.post(`/api/handoffs/${handoffId}/accept`)).status).toBe(200);
    expect((await clara.get(`/api/conversations/${id}`)).status).toBe(200);
    expect(
      (await clara.post(`/api/handoffs/${handoffId}/complete`).send({ summary: 'erledigt' }))
        .status,
    ).toBe(200);
    await waitFor(
      'access revoked',
      async () => (await clara.get(`/api/conversations/${id}`)).status === 403,
      5000,
    );
    await t.db.query('UPDATE teams SET participant_grace_seconds = 3600 WHERE id = $1', [salesId]);
  });

  it('refuses to accept a cancelled consult, and lets a team policy allow specialists to reply', async () => {
    const id = await evasConversation();
    const first = (
      await eva
        .post(`/api/conversations/${id}/handoffs`)
        .send({ kind: 'consult', userId: users.anna.id, note: NOTE })
    ).body;
    expect((await anna.post(`/api/handoffs/${first.id}/cancel`)).status).toBe(403);
    expect((await eva.post(`/api/handoffs/${first.id}/cancel`)).status).toBe(200);
    const late = await anna.post(`/api/handoffs/${first.id}/accept`);
    expect(late.status).toBe(409);
    expect(late.body.message).toBe('This consult is cancelled');

    await t.db.query('UPDATE teams SET specialists_may_reply = true WHERE id = $1', [serviceId]);
    const second = (
      await eva
        .post(`/api/conversations/${id}/handoffs`)
        .send({ kind: 'consult', teamId: serviceId, note: NOTE })
    ).body;
    expect((await anna.post(`/api/handoffs/${second.id}/accept`)).status).toBe(200);
    const reply = await anna.post(`/api/conversations/${id}/messages`).send({
      type: 'reply',
      body: 'Ihre Reklamation ist erfasst.',
      clientMessageId: randomUUID(),
    });
    expect(reply.status).toBe(201);
    expect(reply.body.author.name).toBe('Anna');
    expect((await eva.get(`/api/conversations/${id}`)).body.owner.name).toBe('Eva');
    await t.db.query('UPDATE teams SET specialists_may_reply = false WHERE id = $1', [serviceId]);
  });

  it('warns a writer when a colleague answered the customer meanwhile', async () => {
    const id = await evasConversation();
    await t.db.query('UPDATE teams SET specialists_may_reply = true WHERE id = $1', [serviceId]);
    try {
      const consult = (
        await eva
          .post(`/api/conversations/${id}/handoffs`)
          .send({ kind: 'consult', teamId: serviceId, note: NOTE })
      ).body;
      await anna.post(`/api/handoffs/${consult.id}/accept`);
      const seen = (await eva.get(`/api/conversations/${id}`)).body.lastSeq as number;
      expect(
        (
          await anna
            .post(`/api/conversations/${id}/messages`)
            .send({ type: 'reply', body: 'Von Anna', clientMessageId: randomUUID() })
        ).status,
      ).toBe(201);
      const key = randomUUID();
      const warned = await eva
        .post(`/api/conversations/${id}/messages`)
        .send({ type: 'reply', body: 'Von Eva', clientMessageId: key, lastSeenSeq: seen });
      expect(warned.status).toBe(409);
      expect(warned.body).toMatchObject({
        code: 'messages.replied_meanwhile',
        message:
          'Anna replied to the customer while you were writing: read it, then send again to confirm',
      });
      const forced = await eva.post(`/api/conversations/${id}/messages`).send({
        type: 'reply',
        body: 'Von Eva',
        clientMessageId: key,
        lastSeenSeq: seen,
        force: true,
      });
      expect(forced.status).toBe(201);
      const current = (await eva.get(`/api/conversations/${id}`)).body.lastSeq as number;
      expect(
        (
          await eva.post(`/api/conversations/${id}/messages`).send({
            type: 'reply',
            body: 'Noch was',
            clientMessageId: randomUUID(),
            lastSeenSeq: current,
          })
        ).status,
      ).toBe(201);
    } finally {
      await t.db.query('UPDATE teams SET specialists_may_reply = false WHERE id = $1', [serviceId]);
    }
  });

  it('moves ownership only when a transfer is accepted, and records it', async () => {
    const id = await evasConversation();
    const transfer = (
      await eva
        .post(`/api/conversations/${id}/handoffs`)
        .send({ kind: 'transfer', teamId: salesId, note: NOTE })
    ).body as HandoffDto;
    expect((await eva.get(`/api/conversations/${id}`)).body.owner.name).toBe('Eva');
    const accepted = await david.post(`/api/handoffs/${transfer.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('completed');
    const after = (await david.get(`/api/conversations/${id}`)).body;
    expect(after.owner.name).toBe('David');
    expect(after.team.name).toBe('Sales');
    const assigned: { data: { transferId?: string; previousOwner: { name: string } } }[] =
      await t.db.query(
        `SELECT data FROM timeline_events WHERE conversation_id = $1 AND kind = 'conversation.assigned' ORDER BY seq`,
        [id],
      );
    expect(assigned.map((a) => a.data.previousOwner?.name ?? null)).toEqual([null, 'Eva']);
    expect(assigned[1].data.transferId).toBe(transfer.id);
  });

  it('notifies: consult requests reach the team, answers reach the owner, mentions pull colleagues in', async () => {
    const id = await evasConversation();
    const unread = async (api: Api) =>
      (await api.get('/api/notifications?unread=true')).body as NotificationListDto;
    const before = await unread(david);
    const consult = (
      await eva
        .post(`/api/conversations/${id}/handoffs`)
        .send({ kind: 'consult', teamId: salesId, note: NOTE })
    ).body as HandoffDto;
    const davids = await unread(david);
    expect(davids.unreadCount).toBe(before.unreadCount + 1);
    expect(davids.items[0]).toMatchObject({
      kind: 'handoff.requested',
      conversationId: id,
      handoffId: consult.id,
      actor: { name: 'Eva' },
      text: NOTE,
    });

    await clara.post(`/api/handoffs/${consult.id}/accept`);
    await clara
      .post(`/api/handoffs/${consult.id}/complete`)
      .send({ summary: 'Angebot steht in der Notiz' });
    const evas = await unread(eva);
    expect(evas.items.map((n) => n.kind)).toEqual(
      expect.arrayContaining(['handoff.accepted', 'handoff.completed']),
    );
    expect(evas.items.find((n) => n.kind === 'handoff.completed')?.text).toBe(
      'Angebot steht in der Notiz',
    );
    const first = evas.items[0];
    const afterRead = (await eva.post(`/api/notifications/${first.id}/read`))
      .body as NotificationListDto;
    expect(afterRead.unreadCount).toBe(evas.unreadCount - 1);
    expect((await anna.post(`/api/notifications/${first.id}/read`)).status).toBe(404);

    // Anna (Service) cannot see it until Eva mentions her; @Sales notifies the Sales team.
    expect((await anna.get(`/api/conversations/${id}`)).status).toBe(403);
    const annaBefore = (await unread(anna)).unreadCount;
    const davidBefore = (await unread(david)).unreadCount;
    await eva.post(`/api/conversations/${id}/messages`).send({
      type: 'note',
      body: '@Anna kannst du die Reklamation prüfen? @Sales zur Info. Mail: a@b.de',
      clientMessageId: randomUUID(),
    });
    expect((await anna.get(`/api/conversations/${id}`)).status).toBe(200);
    const annas = await unread(anna);
    expect(annas.unreadCount).toBe(annaBefore + 1);
    expect(annas.items[0]).toMatchObject({
      kind: 'mention',
      conversationId: id,
      actor: { name: 'Eva' },
    });
    expect((await unread(david)).items[0]).toMatchObject({ kind: 'team_mention' });
    expect((await unread(david)).unreadCount).toBe(davidBefore + 1);
    expect((await eva.post('/api/notifications/read-all')).body.unreadCount).toBe(0);
  });

  it('escalates an unaccepted consult through a real delayed job, widening it to the fallback team', async () => {
    await t.db.query(
      'UPDATE teams SET consult_accept_seconds = 1, fallback_team_id = $2 WHERE id = $1',
      [salesId, serviceId],
    );
    try {
      const id = await evasConversation();
      const waiting = (
        await eva
          .post(`/api/conversations/${id}/handoffs`)
          .send({ kind: 'consult', teamId: salesId, note: NOTE })
      ).body as HandoffDto;
      const escalated = await waitFor(
        'escalation',
        async () => {
          const h = (await eva.get(`/api/conversations/${id}/handoffs`)).body.find(
            (x: HandoffDto) => x.id === waiting.id,
          ) as HandoffDto;
          return h.breached ? h : null;
        },
        10_000,
      );
      expect(escalated).toMatchObject({
        status: 'requested',
        breached: true,
        team: { id: serviceId, name: 'Service' },
      });
      expect(await kinds(eva, id)).toContain('handoff.escalated');
      // Widened: Service may take it now.
      expect((await anna.post(`/api/handoffs/${waiting.id}/accept`)).status).toBe(200);

      // An accepted consult never escalates.
      const id2 = await evasConversation();
      const quick = (
        await eva
          .post(`/api/conversations/${id2}/handoffs`)
          .send({ kind: 'consult', teamId: salesId, note: NOTE })
      ).body as HandoffDto;
      expect((await clara.post(`/api/handoffs/${quick.id}/accept`)).status).toBe(200);
      // Its acceptance timers have come due and run.
      await drainQueues(t, { dueBy: Date.parse(quick.acceptDueAt ?? '') + 1000 });
      const still = (await eva.get(`/api/conversations/${id2}/handoffs`)).body[0] as HandoffDto;
      expect(still).toMatchObject({ status: 'accepted', breached: false });
      expect(await kinds(eva, id2)).not.toContain('handoff.escalated');
    } finally {
      await t.db.query(
        'UPDATE teams SET consult_accept_seconds = 900, fallback_team_id = NULL WHERE id = $1',
        [salesId],
      );
    }
  });
});
