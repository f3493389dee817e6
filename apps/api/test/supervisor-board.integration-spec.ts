import { randomUUID } from 'node:crypto';
import {
  REALTIME_EVENTS,
  type HandoffDto,
  type NotificationListDto,
  type SupervisorBoardDto,
  type TimelineDto,
} from '@touchpoint/shared';
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
 * The supervisors' board on a scenario whose every number is known: three customers write to
 * Service, Eva claims one and asks Sales for help, Clara accepts, a supervisor nudges her, Eva
 * resolves. Each step is checked on `GET /api/supervisor/queues`, and the events the board follows
 * reach the supervisor's socket.
 */
describe('supervisor board', () => {
  let t: TestApp;
  let channel: Channel;
  let serviceId: string;
  let salesId: string;
  let users: Record<'eva' | 'otto' | 'clara' | 'sven' | 'ada', MadeUser>;
  let eva: Api;
  let clara: Api;
  let sven: Api;
  let ada: Api;
  let svenSocket: Socket;
  let evaToken: string;
  const emails: string[] = [];
  const conversations: string[] = [];
  let consultId: string;

  const NOTE = 'Kunde fragt nach dem Angebot für 20 Stühle, Lieferung bis Freitag zugesagt.';

  beforeAll(async () => {
    t = await startTestApp();
    serviceId = (await makeTeam(t.db, 'Service')).id;
    salesId = (await makeTeam(t.db, 'Sales')).id;
    await t.db.query('UPDATE teams SET max_open_per_agent = 4 WHERE id = $1', [serviceId]);
    channel = await makeChannel(t.db, 'api', serviceId, {
      secret: 'supervisor-board-secret-0123456789',
      callbackUrl: 'http://127.0.0.1:9/none',
    });
    users = {
      eva: await makeUser(t.db, { teams: [serviceId], name: 'Eva' }),
      otto: await makeUser(t.db, { teams: [serviceId], name: 'Otto' }),
      clara: await makeUser(t.db, { teams: [salesId], name: 'Clara' }),
      sven: await makeUser(t.db, { role: 'supervisor', name: 'Sven' }),
      ada: await makeUser(t.db, { role: 'admin', name: 'Ada' }),
    };
    const token = async (u: MadeUser) => (await login(t.url, u)).accessToken;
    let claraToken: string, svenToken: string, adaToken: string;
    [evaToken, claraToken, svenToken, adaToken] = await Promise.all(
      [users.eva, users.clara, users.sven, users.ada].map(token),
    );
    [eva, clara, sven, ada] = [evaToken, claraToken, svenToken, adaToken].map((k) => as(t.url, k));
    svenSocket = await readyStaff(t.url, svenToken);
  });
  afterAll(async () => {
    svenSocket?.disconnect();
    await t.close();
  });

  const board = async (): Promise<SupervisorBoardDto> => {
    const res = await sven.get('/api/supervisor/queues');
    expect(res.status).toBe(200);
    return res.body as SupervisorBoardDto;
  };
  const team = (b: SupervisorBoardDto, id: string) => b.teams.find((x) => x.id === id)!;
  const agent = (b: SupervisorBoardDto, id: string) => b.agents.find((x) => x.id === id)!;

  it('lists the people who have joined, not those still invited', async () => {
    const invited = await ada
      .post('/api/users/invitations')
      .send({ email: 'neu@example.test', name: 'Nina Neu', role: 'agent', teamIds: [serviceId] });
    expect(invited.status).toBe(201);
    const b = await board();
    expect(b.agents.map((a) => a.name)).not.toContain('Nina Neu');
    expect(b.agents.map((a) => a.name)).toContain('Eva');
    expect(team(b, serviceId).members).toEqual({ online: 0, away: 0, offline: 2 });
  });

  it('is for supervisors and admins only', async () => {
    expect((await eva.get('/api/supervisor/queues')).status).toBe(403);
    expect((await as(t.url, 'not-a-token').get('/api/supervisor/queues')).status).toBe(401);
    expect((await ada.get('/api/supervisor/queues')).status).toBe(200);
  });

  it('shows every customer waiting in the team queue, the longest wait first', async () => {
    for (const n of [1, 2, 3]) {
      const email = `kunde-${n}-${randomUUID().slice(0, 8)}@example.test`;
      emails.push(email);
      await postApiMessage(t.url, channel, {
        id: randomUUID(),
        contact: { email },
        text: `Frage ${n}`,
      });
      conversations.push(await waitForConversationOf(t.db, email));
    }
    await drainQueues(t);
    const b = await board();
    const service = team(b, serviceId);
    expect(service).toMatchObject({ name: 'Service', unassigned: 3, owned: 0 });
    expect(service.waiting.map((w) => w.id)).toEqual(conversations);
    expect(service.oldestWaitingSince).toBe(service.waiting[0].waitingSince);
    expect(service.waiting[0].channelKind).toBe('api');
    expect(service.members).toEqual({ online: 0, away: 0, offline: 2 });
    expect(team(b, salesId)).toMatchObject({ unassigned: 0, owned: 0, handoffsWaiting: 0 });
    // Supervisors are people on the board too, but only agents' capacity comes from teams.
    expect(agent(b, users.eva.id)).toMatchObject({ open: 0, capacity: 4, presence: 'offline' });
    // Otto's own capacity stands in for his team's.
    expect((await ada.patch(`/api/users/${users.otto.id}`).send({ capacity: 2 })).status).toBe(200);
    expect(agent(await board(), users.otto.id).capacity).toBe(2);
    expect(agent(b, users.sven.id)).toMatchObject({ open: 0, capacity: null });
    expect(b.flow).toEqual([]);
  });

  it('shows who is online, away or offline', async () => {
    const evaSocket = await readyStaff(t.url, evaToken);
    try {
      let b = await board();
      expect(agent(b, users.eva.id).presence).toBe('online');
      expect(team(b, serviceId).members).toEqual({ online: 1, away: 0, offline: 1 });
      const ack = (await evaSocket.emitWithAck('presence.set', { status: 'away' })) as {
        ok: boolean;
      };
      expect(ack.ok).toBe(true);
      b = await board();
      expect(agent(b, users.eva.id).presence).toBe('away');
      expect(team(b, serviceId).members).toEqual({ online: 0, away: 1, offline: 1 });
    } finally {
      evaSocket.disconnect();
    }
  });

  it('moves a claimed conversation from the queue to its owner, live', async () => {
    const queue = once<{ teamId: string; unassigned: number }>(
      svenSocket,
      REALTIME_EVENTS.queueUpdated,
      (p) => p.teamId === serviceId && p.unassigned === 2,
    );
    expect((await eva.post(`/api/conversations/${conversations[0]}/claim`)).status).toBe(200);
    await queue;
    const b = await board();
    expect(team(b, serviceId)).toMatchObject({ unassigned: 2, owned: 1 });
    expect(team(b, serviceId).waiting.map((w) => w.id)).toEqual(conversations.slice(1));
    expect(agent(b, users.eva.id).open).toBe(1);
  });

  it('shows a consult between teams in the flow, and how it stands against its deadline', async () => {
    const created = once<{ handoff: HandoffDto }>(svenSocket, REALTIME_EVENTS.handoffCreated);
    const res = await eva
      .post(`/api/conversations/${conversations[0]}/handoffs`)
      .send({ kind: 'consult', teamId: salesId, note: NOTE });
    expect(res.status).toBe(201);
    consultId = (res.body as HandoffDto).id;
    await created;

    let b = await board();
    expect(team(b, salesId)).toMatchObject({ handoffsWaiting: 1, handoffsUnanswered: 0 });
    expect(b.flow).toEqual([
      expect.objectContaining({
        fromTeam: { id: serviceId, name: 'Service' },
        toTeam: { id: salesId, name: 'Sales' },
        waiting: 1,
        unanswered: 0,
        breached: 0,
      }),
    ]);
    expect(b.handoffs).toEqual([
      expect.objectContaining({ id: consultId, status: 'requested', risk: 'ok', assignee: null }),
    ]);

    // 10 of its 11 minutes to be accepted are gone: past 80% (its stored at-risk moment), at risk.
    await t.db.query(
      `UPDATE handoffs SET created_at = now() - interval '10 minutes',
         accept_risk_at = now() - interval '1 minute 12 seconds',
         accept_due_at = now() + interval '1 minute' WHERE id = $1`,
      [consultId],
    );
    b = await board();
    expect(b.handoffs[0].risk).toBe('at_risk');
    expect(team(b, salesId).handoffsAtRisk).toBe(1);

    await t.db.query(
      `UPDATE handoffs SET accept_due_at = now() - interval '1 second' WHERE id = $1`,
      [consultId],
    );
    b = await board();
    expect(b.handoffs[0].risk).toBe('breached');
    expect(b.flow[0].breached).toBe(1);
  });

  it('counts an accepted consult as unanswered, held by the specialist', async () => {
    await t.db.query(
      `UPDATE handoffs SET accept_due_at = now() + interval '1 hour' WHERE id = $1`,
      [consultId],
    );
    expect((await clara.post(`/api/handoffs/${consultId}/accept`)).status).toBe(200);
    const b = await board();
    expect(team(b, salesId)).toMatchObject({ handoffsWaiting: 0, handoffsUnanswered: 1 });
    expect(b.flow[0]).toMatchObject({ waiting: 0, unanswered: 1 });
    expect(b.handoffs[0]).toMatchObject({
      status: 'accepted',
      assignee: { id: users.clara.id, name: 'Clara' },
    });
    expect(agent(b, users.clara.id).handoffs).toBe(1);
  });

  it('lets a supervisor nudge whoever holds a consult, once in a while', async () => {
    expect((await eva.post(`/api/handoffs/${consultId}/nudge`)).status).toBe(403);
    const nudged = await sven.post(`/api/handoffs/${consultId}/nudge`);
    expect(nudged.status).toBe(200);
    await drainQueues(t);

    const inbox = (await clara.get('/api/notifications')).body as NotificationListDto;
    expect(inbox.items.filter((n) => n.kind === 'handoff.nudged')).toEqual([
      expect.objectContaining({ handoffId: consultId, actor: { id: users.sven.id, name: 'Sven' } }),
    ]);
    const timeline = (await sven.get(`/api/conversations/${conversations[0]}/timeline`))
      .body as TimelineDto;
    const nudges = timeline.entries.filter(
      (e) => e.type === 'event' && e.event.kind === 'handoff.nudged',
    );
    expect(nudges).toHaveLength(1);
    expect((await board()).handoffs[0].lastNudgedAt).not.toBeNull();

    const again = await sven.post(`/api/handoffs/${consultId}/nudge`);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'handoffs.nudged_recently' });
    expect((await sven.post(`/api/handoffs/${randomUUID()}/nudge`)).status).toBe(404);
  });

  it('forgets a resolved conversation, and a customer answered is no longer waiting', async () => {
    const resolved = await eva
      .patch(`/api/conversations/${conversations[0]}`)
      .send({ status: 'resolved' });
    expect(resolved.status).toBe(200);
    expect((await eva.post(`/api/conversations/${conversations[1]}/claim`)).status).toBe(200);
    const reply = await eva
      .post(`/api/conversations/${conversations[1]}/messages`)
      .send({ type: 'reply', body: 'Wir kümmern uns darum.', clientMessageId: randomUUID() });
    expect(reply.status).toBe(201);
    const [row] = await t.db.query('SELECT waiting_since FROM conversations WHERE id = $1', [
      conversations[1],
    ]);
    expect(row.waiting_since).toBeNull();

    const b = await board();
    expect(team(b, serviceId)).toMatchObject({ unassigned: 1, owned: 1 });
    expect(agent(b, users.eva.id).open).toBe(1);

    // The customer writes again: they wait from this message on.
    await postApiMessage(t.url, channel, {
      id: randomUUID(),
      contact: { email: emails[1] },
      text: 'Noch eine Frage',
    });
    await drainQueues(t);
    const [again] = await t.db.query(
      `SELECT c.waiting_since, m.created_at FROM conversations c
         JOIN messages m ON m.conversation_id = c.id AND m.type = 'inbound'
        WHERE c.id = $1 ORDER BY m.seq DESC LIMIT 1`,
      [conversations[1]],
    );
    expect(again.waiting_since).not.toBeNull();
    expect(Math.abs(again.waiting_since.getTime() - again.created_at.getTime())).toBeLessThan(1000);
  });
});
