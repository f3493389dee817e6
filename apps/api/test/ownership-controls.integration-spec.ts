import { randomUUID } from 'node:crypto';
import {
  REALTIME_EVENTS,
  REALTIME_JOIN_CONVERSATION,
  REALTIME_READY,
  type ConversationDto,
  type ConversationListDto,
  type HandoffDto,
  type NotificationListDto,
  type ParticipantDto,
  type TeamDto,
  type TimelineDto,
} from '@touchpoint/shared';
import type { Socket } from 'socket.io-client';
import type { Channel } from '../src/modules/channels/channel.entity';
import { HandoffSla } from '../src/modules/handoffs/handoff-sla.service';
import { makeChannel, postApiMessage } from './helpers/channels';
import { waitForConversationOf } from './helpers/conversations';
import { drainQueues } from './helpers/drain-queues';
import { makeTeam, makeUser, type MadeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { connectStaff, once, staffSentinel } from './helpers/sockets';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

type Api = ReturnType<typeof as>;

const NOTE = 'Kundin möchte die Rechnung vom März korrigiert haben, Gutschrift zugesagt.';

/**
 * What the owner, supervisors and admins control around ownership: forced transfers, who stays
 * in a conversation, team policies, and round-robin assignment to online agents.
 */
describe('ownership controls', () => {
  let t: TestApp;
  let marketing: string;
  let service: string;
  let channel: Channel;
  const users: Record<string, MadeUser> = {};
  const api: Record<string, Api> = {};
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    marketing = (await makeTeam(t.db, 'Marketing')).id;
    service = (await makeTeam(t.db, 'Service')).id;
    channel = await makeChannel(t.db, 'api', marketing, {
      secret: 'ownership-secret-0123456789',
      callbackUrl: 'http://127.0.0.1:9/none',
    });
    users.eva = await makeUser(t.db, { teams: [marketing], name: 'Eva' });
    users.max = await makeUser(t.db, { teams: [marketing], name: 'Max' });
    users.anna = await makeUser(t.db, { teams: [service], name: 'Anna' });
    users.sam = await makeUser(t.db, { role: 'supervisor', name: 'Sam' });
    users.ada = await makeUser(t.db, { role: 'admin', name: 'Ada' });
    for (const [key, user] of Object.entries(users))
      api[key] = as(t.url, (await login(t.url, user)).accessToken);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await t.close();
  });

  /** A customer writes on `via` (the Marketing channel by default); resolves the new conversation's id. */
  async function newConversation(via: Channel = channel, prefix = 'kundin'): Promise<string> {
    const email = `${prefix}-${randomUUID().slice(0, 8)}@example.test`;
    expect(
      (await postApiMessage(t.url, via, { id: randomUUID(), contact: { email }, text: 'Hallo' }))
        .status,
    ).toBeLessThan(300);
    return waitForConversationOf(t.db, email);
  }

  async function evasConversation(): Promise<string> {
    const id = await newConversation();
    expect((await api.eva.post(`/api/conversations/${id}/claim`)).status).toBe(200);
    return id;
  }

  const owner = async (id: string) =>
    (
      (await t.db.query('SELECT owner_id, team_id FROM conversations WHERE id = $1', [id])) as {
        owner_id: string | null;
        team_id: string | null;
      }[]
    )[0];

  const eventsOf = async (id: string) =>
    ((await api.sam.get(`/api/conversations/${id}/timeline`)).body as TimelineDto).entries.flatMap(
      (e) => (e.type === 'event' ? [e.event] : []),
    );

  describe('visibility', () => {
    it("keeps a colleague's conversation private: not readable, not listed, not counted", async () => {
      const id = await newConversation();
      // Waiting in Marketing's queue: both Marketing agents see it.
      expect((await api.max.get(`/api/conversations/${id}`)).status).toBe(200);
      await api.eva.post(`/api/conversations/${id}/claim`);
      expect((await api.max.get(`/api/conversations/${id}`)).status).toBe(403);
      const teamView = (await api.max.get(`/api/conversations?view=team&teamId=${marketing}`))
        .body as ConversationListDto;
      expect(teamView.items.map((c) => c.id)).not.toContain(id);
      const evasView = (await api.eva.get(`/api/conversations?view=team&teamId=${marketing}`))
        .body as ConversationListDto;
      expect(evasView.items.map((c) => c.id)).toContain(id);
      const found = (await api.max.get(`/api/conversations?view=team&teamId=${marketing}&q=kundin`))
        .body as ConversationListDto;
      expect(found.items.map((c) => c.id)).not.toContain(id);

      const counts = async (who: Api) =>
        ((await who.get('/api/conversations/counts')).body as { team: number }).team;
      const [evaCount, maxCount] = [await counts(api.eva), await counts(api.max)];
      expect(evaCount).toBeGreaterThan(maxCount);
      expect((await api.sam.get(`/api/conversations/${id}`)).status).toBe(200);
    });
  });

  describe('live events', () => {
    it('stop reaching a colleague who had the conversation open once someone else owns it', async () => {
      const id = await newConversation();
      const socket = connectStaff(t.url, (await login(t.url, users.max)).accessToken);
      sockets.push(socket);
      await once(socket, REALTIME_READY);
      expect(
        await socket.emitWithAck(REALTIME_JOIN_CONVERSATION, { conversationId: id }),
      ).toMatchObject({ ok: true });
      const heard: string[] = [];
      socket.on(REALTIME_EVENTS.messageCreated, (p: { message: { text: string } }) =>
        heard.push(p.message.text),
      );

      await api.eva.post(`/api/conversations/${id}/claim`);
      // Seen by the room's sockets before the claim is announced; the note after it is not.
      await staffSentinel(t, socket, users.max.id);
      const note = (body: string) =>
        api.eva
          .post(`/api/conversations/${id}/messages`)
          .send({ type: 'note', body, clientMessageId: randomUUID() })
          .then((r) => r.status);
      expect(await note('Nur für Eva und ihre Helfer')).toBe(201);
      await staffSentinel(t, socket, users.max.id);
      expect(heard).not.toContain('Nur für Eva und ihre Helfer');
      // A participant added later hears it again.
      expect(await note(`@${users.max.name} bitte kurz schauen`)).toBe(201);
      await waitFor('the mention reaching Max', async () =>
        heard.some((text) => text.includes('bitte kurz schauen')),
      );
    });
  });

  describe('forced transfer', () => {
    it('is for supervisors and admins only, and only for transfers', async () => {
      const id = await evasConversation();
      const byOwner = await api.eva
        .post(`/api/conversations/${id}/handoffs`)
        .send({ kind: 'transfer', userId: users.max.id, note: NOTE, force: true });
      expect(byOwner.status).toBe(403);
      expect(byOwner.body.message).toContain('supervisors and admins');
      const consult = await api.sam
        .post(`/api/conversations/${id}/handoffs`)
        .send({ kind: 'consult', teamId: service, note: NOTE, force: true });
      expect(consult.status).toBe(400);
      expect(consult.body.message).toContain('only a transfer can be forced');
      expect((await owner(id)).owner_id).toBe(users.eva.id);
      expect(await t.db.query('SELECT 1 FROM handoffs WHERE conversation_id = $1', [id])).toEqual(
        [],
      );
    });

    it('to a person: they own it at once, are told, and the bounce is recorded', async () => {
      const id = await evasConversation();
      const res = await api.sam
        .post(`/api/conversations/${id}/handoffs`)
        .send({ kind: 'transfer', userId: users.anna.id, note: NOTE, force: true });
      expect(res.status).toBe(201);
      expect(res.body as HandoffDto).toMatchObject({
        kind: 'transfer',
        status: 'completed',
        assignee: { id: users.anna.id },
        requestedBy: { id: users.sam.id },
      });
      expect((await owner(id)).owner_id).toBe(users.anna.id);
      const assigned = (await eventsOf(id)).filter((e) => e.kind === 'conversation.assigned');
      expect(assigned.at(-1)?.data).toMatchObject({
        owner: { id: users.anna.id },
        previousOwner: { id: users.eva.id },
      });
      const annas = (await api.anna.get('/api/notifications')).body as NotificationListDto;
      expect(annas.items.find((n) => n.conversationId === id)).toMatchObject({
        kind: 'conversation.assigned',
        actor: { id: users.sam.id },
        // Enough to say what happened and with whom, without opening the conversation.
        handoff: { kind: 'transfer', team: null },
        contactName: expect.stringContaining('kundin-'),
      });
      // Eva learns it was taken from her.
      const evas = (await api.eva.get('/api/notifications')).body as NotificationListDto;
      expect(evas.items.some((n) => n.conversationId === id)).toBe(true);
      expect((await api.anna.get(`/api/conversations/${id}`)).body.mayReply).toBe(true);
      expect((await api.eva.get(`/api/conversations/${id}`)).status).toBe(403);
    });

    it('to a team: it waits unowned in that team’s queue', async () => {
      const id = await evasConversation();
      const res = await api.ada
        .post(`/api/conversations/${id}/handoffs`)
        .send({ kind: 'transfer', teamId: service, note: NOTE, force: true });
      expect(res.status).toBe(201);
      expect(await owner(id)).toEqual({ owner_id: null, team_id: service });
      const queue = (await api.anna.get(`/api/conversations?view=unassigned`))
        .body as ConversationListDto;
      expect(queue.items.map((c) => c.id)).toContain(id);
    });
  });

  describe('participants', () => {
    async function withAnnaConsulted(): Promise<{ id: string; handoff: HandoffDto }> {
      const id = await evasConversation();
      const handoff = (
        await api.eva
          .post(`/api/conversations/${id}/handoffs`)
          .send({ kind: 'consult', teamId: service, note: NOTE })
      ).body as HandoffDto;
      expect((await api.anna.post(`/api/handoffs/${handoff.id}/accept`)).status).toBe(200);
      return { id, handoff };
    }

    it('the owner keeps a specialist in: no grace period when the consult ends', async () => {
      const { id, handoff } = await withAnnaConsulted();
      const before = (await api.eva.get(`/api/conversations/${id}/participants`))
        .body as ParticipantDto[];
      expect(before.find((p) => p.user.id === users.anna.id)).toMatchObject({
        expiresAt: null,
        untilConsultEnds: true,
      });
      const path = `/api/conversations/${id}/participants/${users.anna.id}/keep`;
      expect((await api.anna.post(path)).status).toBe(403);
      expect((await api.max.post(path)).status).toBe(403);
      const kept = await api.eva.post(path);
      expect(kept.status).toBe(200);
      expect(kept.body as ParticipantDto).toMatchObject({
        user: { id: users.anna.id },
        expiresAt: null,
        untilConsultEnds: false,
      });
      await api.anna
        .post(`/api/handoffs/${handoff.id}/complete`)
        .send({ summary: 'Gutschrift ist angewiesen.' });
      const after = (await api.eva.get(`/api/conversations/${id}/participants`))
        .body as ParticipantDto[];
      expect(after.find((p) => p.user.id === users.anna.id)?.expiresAt).toBeNull();
      expect((await eventsOf(id)).map((e) => e.kind)).toContain('participant.kept');
      expect(
        (await api.eva.post(`/api/conversations/${id}/participants/${users.max.id}/keep`)).status,
      ).toBe(404);
    });

    it('the owner or a supervisor removes a participant, whose access ends at once', async () => {
      const { id } = await withAnnaConsulted();
      expect((await api.anna.get(`/api/conversations/${id}`)).status).toBe(200);
      expect(
        (await api.anna.delete(`/api/conversations/${id}/participants/${users.anna.id}`)).status,
      ).toBe(403);
      expect(
        (await api.sam.delete(`/api/conversations/${id}/participants/${users.anna.id}`)).status,
      ).toBe(204);
      expect((await api.anna.get(`/api/conversations/${id}`)).status).toBe(403);
      expect((await eventsOf(id)).map((e) => e.kind)).toContain('participant.removed');
    });

    it('tells a specialist whether they may answer the customer (mayReply)', async () => {
      const { id } = await withAnnaConsulted();
      const mayReply = async (who: Api) =>
        ((await who.get(`/api/conversations/${id}`)).body as ConversationDto).mayReply;
      expect(await mayReply(api.anna)).toBe(false);
      expect(await mayReply(api.eva)).toBe(true);
      expect(await mayReply(api.sam)).toBe(true);
      expect(
        (await api.ada.patch(`/api/teams/${service}`).send({ specialistsMayReply: true })).status,
      ).toBe(200);
      expect(await mayReply(api.anna)).toBe(true);
      await api.ada.patch(`/api/teams/${service}`).send({ specialistsMayReply: false });
    });
  });

  describe('resolving', () => {
    it('lets waiting consults expire, leaves accepted ones to their specialist, and escalates nothing', async () => {
      const id = await evasConversation();
      const ask = (teamId: string) =>
        api.eva
          .post(`/api/conversations/${id}/handoffs`)
          .send({ kind: 'consult', teamId, note: NOTE })
          .then((r) => r.body as HandoffDto);
      const accepted = await ask(service);
      expect((await api.anna.post(`/api/handoffs/${accepted.id}/accept`)).status).toBe(200);
      const waiting = await ask(marketing);

      // Max (not the owner) may not resolve; Eva may.
      expect(
        (await api.max.patch(`/api/conversations/${id}`).send({ status: 'resolved' })).status,
      ).toBe(403);
      expect(
        (await api.eva.patch(`/api/conversations/${id}`).send({ status: 'resolved' })).status,
      ).toBe(200);

      const list = (await api.eva.get(`/api/conversations/${id}/handoffs`)).body as HandoffDto[];
      expect(list.find((h) => h.id === waiting.id)).toMatchObject({ status: 'expired' });
      expect(list.find((h) => h.id === accepted.id)).toMatchObject({ status: 'accepted' });
      const expiredEvents = (await eventsOf(id)).filter((e) => e.kind === 'handoff.expired');
      expect(expiredEvents.map((e) => e.data['handoffId'])).toEqual([waiting.id]);
      // Its SLA timer finds nothing to escalate.
      expect(await t.app.get(HandoffSla).escalate(waiting.id)).toBe('stale');
      expect((await api.max.get('/api/handoffs?view=queue')).body).not.toContainEqual(
        expect.objectContaining({ id: waiting.id }),
      );
    });
  });

  describe('team policy', () => {
    it('admins set SLA, grace, reply policy, fallback and assignment; bad values are refused', async () => {
      const path = `/api/teams/${service}`;
      const bad = await api.ada
        .patch(path)
        .send({ consultAcceptSeconds: 5, maxOpenPerAgent: 0, autoAssign: 'yes' });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toContain('consultAcceptSeconds must be at least 60 seconds');
      expect(bad.body.message).toContain('maxOpenPerAgent must be at least 1');
      expect(bad.body.message).toContain('autoAssign must be true or false');
      const self = await api.ada.patch(path).send({ fallbackTeamId: service });
      expect(self.status).toBe(400);
      expect(self.body.message).toContain('cannot be its own fallback');
      const unknown = await api.ada.patch(path).send({ fallbackTeamId: randomUUID() });
      expect(unknown.status).toBe(400);
      expect((await api.sam.patch(path).send({ autoAssign: true })).status).toBe(403);

      const ok = await api.ada.patch(path).send({
        consultAcceptSeconds: 600,
        consultAnswerSeconds: 3600,
        participantGraceSeconds: 0,
        fallbackTeamId: marketing,
        maxOpenPerAgent: 3,
      });
      expect(ok.status).toBe(200);
      expect(ok.body as TeamDto).toMatchObject({
        consultAcceptSeconds: 600,
        consultAnswerSeconds: 3600,
        participantGraceSeconds: 0,
        fallbackTeamId: marketing,
        autoAssign: false,
        maxOpenPerAgent: 3,
      });
    });
  });

  describe('round-robin assignment', () => {
    let support: string;
    let supportChannel: Channel;
    const agents: Record<string, MadeUser> = {};

    async function goOnline(token: string): Promise<void> {
      const socket = connectStaff(t.url, token);
      sockets.push(socket);
      await once(socket, REALTIME_READY);
    }

    const arrive = () => newConversation(supportChannel, 'rr');

    const ownerOf = (id: string) =>
      waitFor(`owner of ${id}`, async () => (await owner(id)).owner_id);

    beforeAll(async () => {
      support = (await makeTeam(t.db, 'Support')).id;
      supportChannel = await makeChannel(t.db, 'api', support, {
        secret: 'support-secret-0123456789',
        callbackUrl: 'http://127.0.0.1:9/none',
      });
      agents.lea = await makeUser(t.db, { teams: [support], name: 'Lea' });
      agents.tom = await makeUser(t.db, { teams: [support], name: 'Tom' });
      agents.off = await makeUser(t.db, { teams: [support], name: 'Offline Olga' });
      agents.boss = await makeUser(t.db, {
        teams: [support],
        name: 'Supervisor Sue',
        role: 'supervisor',
      });
      for (const key of ['lea', 'tom', 'boss'])
        await goOnline((await login(t.url, agents[key])).accessToken);
    });

    it('does nothing for teams that did not switch it on', async () => {
      const id = await arrive();
      await drainQueues(t);
      expect((await owner(id)).owner_id).toBeNull();
    });

    it('hands new conversations in turn to online agents under capacity, and the waiting one when an agent comes online', async () => {
      await t.db.query("UPDATE conversations SET status = 'resolved' WHERE team_id = $1", [
        support,
      ]);
      expect(
        (
          await api.ada
            .patch(`/api/teams/${support}`)
            .send({ autoAssign: true, maxOpenPerAgent: 1 })
        ).status,
      ).toBe(200);
      const first = await ownerOf(await arrive());
      const second = await ownerOf(await arrive());
      // Lea and Tom, one each (no supervisor, nobody offline), whoever came first.
      expect([first, second].sort()).toEqual([agents.lea.id, agents.tom.id].sort());

      // Both are at capacity: the third waits in the queue...
      const third = await arrive();
      await drainQueues(t);
      expect((await owner(third)).owner_id).toBeNull();

      // ...until Olga comes online.
      await goOnline((await login(t.url, agents.off)).accessToken);
      expect(await ownerOf(third)).toBe(agents.off.id);
      const events = (await eventsOf(third)).filter((e) => e.kind === 'conversation.assigned');
      expect(events.at(-1)).toMatchObject({
        actor: null,
        data: { owner: { id: agents.off.id }, automatic: true },
      });
      const notes = (
        await as(t.url, (await login(t.url, agents.off)).accessToken).get('/api/notifications')
      ).body as NotificationListDto;
      expect(notes.items.find((n) => n.conversationId === third)?.kind).toBe(
        'conversation.assigned',
      );

      // Capacity frees up: the next one goes to whoever's turn it is, among those under capacity.
      await t.db.query("UPDATE conversations SET status = 'resolved' WHERE owner_id = $1", [
        agents.lea.id,
      ]);
      expect(await ownerOf(await arrive())).toBe(agents.lea.id);
    });

    it('hands out what already waits as soon as a team switches it on', async () => {
      const team = `/api/teams/${support}`;
      expect((await api.ada.patch(team).send({ autoAssign: false })).status).toBe(200);
      await t.db.query("UPDATE conversations SET status = 'resolved' WHERE team_id = $1", [
        support,
      ]);
      const waiting = await arrive();
      await drainQueues(t);
      expect((await owner(waiting)).owner_id).toBeNull();
      // Well before the minute sweep.
      expect((await api.ada.patch(team).send({ autoAssign: true })).status).toBe(200);
      expect([agents.lea.id, agents.tom.id, agents.off.id]).toContain(await ownerOf(waiting));
    });
  });
});
