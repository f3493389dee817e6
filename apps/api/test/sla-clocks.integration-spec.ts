import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type {
  NotificationListDto,
  SupervisorBoardDto,
  TimelineDto,
  TimelineEventDto,
} from '@touchpoint/shared';
import type { Queue } from 'bullmq';
import { JOBS, QUEUES } from '../src/core/queue/queue.constants';
import type { Channel } from '../src/modules/channels/channel.entity';
import { SlaTimerService } from '../src/modules/conversations/sla-timer.service';
import { makeChannel, postApiMessage } from './helpers/channels';
import { waitForConversationOf } from './helpers/conversations';
import { drainQueues } from './helpers/drain-queues';
import { makeTeam, makeUser, type MadeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

type Api = ReturnType<typeof as>;

interface ClockRow {
  clock: 'response' | 'resolution';
  metric: string;
  target_seconds: number;
  window_start: Date;
  counting_since: Date | null;
  used_seconds: number;
  risk_at: Date | null;
  due_at: Date | null;
  risk_fired_at: Date | null;
  breached_at: Date | null;
}

/**
 * Conversations' SLA clocks through the real stack: a policy on the team, customers writing
 * through the API channel, staff answering, pausing and resolving; at-risk and breach fired by
 * real delayed jobs, and by the sweep after Redis lost them.
 */
describe('SLA clocks of conversations', () => {
  let t: TestApp;
  let channel: Channel;
  let serviceId: string;
  let users: Record<'eva' | 'sven', MadeUser>;
  let eva: Api;
  let sven: Api;

  beforeAll(async () => {
    t = await startTestApp();
    serviceId = (await makeTeam(t.db, 'Service')).id;
    channel = await makeChannel(t.db, 'api', serviceId, {
      secret: 'sla-clocks-secret-0123456789',
      callbackUrl: 'http://127.0.0.1:9/none',
    });
    users = {
      eva: await makeUser(t.db, { teams: [serviceId], name: 'Eva' }),
      sven: await makeUser(t.db, { role: 'supervisor', name: 'Sven' }),
    };
    [eva, sven] = await Promise.all(
      [users.eva, users.sven].map(async (u) => as(t.url, (await login(t.url, u)).accessToken)),
    );
  });
  afterAll(() => t.close());

  const timers = () => t.app.get<Queue>(getQueueToken(QUEUES.timers));
  const sla = () => t.app.get(SlaTimerService);

  /** The team's policy, written as the settings page would (the API refuses targets under a minute). */
  async function policy(targets: { first?: number; next?: number; resolution?: number }) {
    await t.db.query('DELETE FROM sla_policies WHERE team_id = $1', [serviceId]);
    await t.db.query(
      `INSERT INTO sla_policies (team_id, first_response_seconds, next_response_seconds,
         resolution_seconds) VALUES ($1, $2, $3, $4)`,
      [serviceId, targets.first ?? null, targets.next ?? null, targets.resolution ?? null],
    );
  }

  async function customerWrites(email: string, text = 'Meine Bestellung fehlt'): Promise<string> {
    await postApiMessage(t.url, channel, { id: randomUUID(), contact: { email }, text });
    return waitForConversationOf(t.db, email);
  }

  const newEmail = () => `kunde-${randomUUID().slice(0, 8)}@example.test`;

  const clocks = async (conversationId: string): Promise<ClockRow[]> =>
    t.db.query(
      `SELECT clock, metric, target_seconds, window_start, counting_since, used_seconds, risk_at,
              due_at, risk_fired_at, breached_at
         FROM sla_clocks WHERE conversation_id = $1 ORDER BY clock DESC`,
      [conversationId],
    );

  const slaEvents = async (conversationId: string): Promise<TimelineEventDto[]> =>
    (
      (await eva.get(`/api/conversations/${conversationId}/timeline`)).body as TimelineDto
    ).entries.flatMap((e) =>
      e.type === 'event' && e.event.kind.startsWith('sla.') ? [e.event] : [],
    );

  const notices = async (api: Api, conversationId: string) =>
    ((await api.get('/api/notifications')).body as NotificationListDto).items
      .filter((n) => n.conversationId === conversationId && n.kind.startsWith('sla.'))
      .map((n) => n.kind)
      .sort();

  const board = async (): Promise<SupervisorBoardDto> => {
    const res = await sven.get('/api/supervisor/queues');
    expect(res.status).toBe(200);
    return res.body as SupervisorBoardDto;
  };

  /** Redis forgets the conversation's delayed SLA timers, as a Redis that restarted empty would. */
  async function loseTimers(conversationId: string): Promise<void> {
    for (const job of await timers().getDelayed())
      if ((job.data as { conversationId?: string }).conversationId === conversationId)
        await job.remove();
  }

  it('starts a first-response clock in business time when a customer writes, and a resolution clock', async () => {
    await policy({ first: 3600, resolution: 86_400 });
    const conversationId = await customerWrites(newEmail());
    const [response, resolution] = await waitFor('the clocks', async () => {
      const rows = await clocks(conversationId);
      return rows.length === 2 ? rows : null;
    });
    const [{ waiting_since, created_at }]: { waiting_since: Date; created_at: Date }[] =
      await t.db.query('SELECT waiting_since, created_at FROM conversations WHERE id = $1', [
        conversationId,
      ]);
    // The team has no hours of its own: around the clock, so business time is real time here.
    expect(response).toMatchObject({
      clock: 'response',
      metric: 'first_response',
      target_seconds: 3600,
      window_start: waiting_since,
      used_seconds: 0,
      due_at: new Date(waiting_since.getTime() + 3600_000),
      risk_at: new Date(waiting_since.getTime() + 0.8 * 3600_000),
    });
    expect(resolution).toMatchObject({
      clock: 'resolution',
      metric: 'resolution',
      window_start: created_at,
      due_at: new Date(created_at.getTime() + 86_400_000),
    });
    // The board's queue shows the most urgent one.
    const waiting = (await board()).teams
      .find((x) => x.id === serviceId)!
      .waiting.find((w) => w.id === conversationId);
    expect(waiting?.sla).toEqual({
      metric: 'first_response',
      dueAt: response.due_at!.toISOString(),
      risk: 'ok',
    });
    // Their timers wait in Redis.
    await waitFor('the timers scheduled', async () => {
      const names = (await timers().getDelayed())
        .filter((j) => (j.data as { conversationId?: string }).conversationId === conversationId)
        .map((j) => j.name)
        .sort();
      return names.length === 4 ? names : null;
    }).then((names) =>
      expect(names).toEqual([JOBS.slaBreach, JOBS.slaBreach, JOBS.slaRisk, JOBS.slaRisk]),
    );
  });

  it('fires at risk and breach through real delayed jobs, once each, for the supervisor and the owner', async () => {
    await policy({ first: 3 });
    const conversationId = await customerWrites(newEmail());
    expect((await eva.post(`/api/conversations/${conversationId}/claim`)).status).toBe(200);
    const breached = await waitFor(
      'the breach',
      async () => {
        const [row] = await clocks(conversationId);
        return row?.breached_at ? row : null;
      },
      15_000,
    );
    expect(breached.risk_fired_at).not.toBeNull();
    expect(breached.risk_fired_at!.getTime()).toBeGreaterThanOrEqual(breached.risk_at!.getTime());
    expect(breached.breached_at!.getTime()).toBeGreaterThanOrEqual(breached.due_at!.getTime());
    await drainQueues(t);
    const events = await slaEvents(conversationId);
    expect(events.map((e) => e.kind)).toEqual(['sla.at_risk', 'sla.breached']);
    expect(events[1]).toMatchObject({
      actor: null,
      data: { metric: 'first_response', targetSeconds: 3, dueAt: breached.due_at!.toISOString() },
    });
    expect(await notices(sven, conversationId)).toEqual(['sla.at_risk', 'sla.breached']);
    // The conversation carries its most urgent target, for the lists.
    const detail = (await eva.get(`/api/conversations/${conversationId}`)).body as {
      sla: unknown;
    };
    expect(detail.sla).toEqual({
      metric: 'first_response',
      riskAt: breached.risk_at!.toISOString(),
      dueAt: breached.due_at!.toISOString(),
      breachedAt: breached.breached_at!.toISOString(),
    });
    expect(await notices(eva, conversationId)).toEqual(['sla.at_risk', 'sla.breached']);
    // Firing again changes nothing.
    expect(await sla().fire(conversationId, 'response', 'breach')).toBe('stale');
    expect(await sla().fire(conversationId, 'response', 'risk')).toBe('stale');

    const b = await board();
    const service = b.teams.find((x) => x.id === serviceId)!;
    expect(service.slaBreached).toBeGreaterThanOrEqual(1);
    expect(b.sla.find((c) => c.id === conversationId)).toMatchObject({
      owner: { id: users.eva.id, name: 'Eva' },
      team: { id: serviceId, name: 'Service' },
      sla: { metric: 'first_response', risk: 'breached' },
    });

    // Answering stops the clock: it leaves the board, and the first answer is kept.
    const reply = await eva
      .post(`/api/conversations/${conversationId}/messages`)
      .send({ type: 'reply', body: 'Wir kümmern uns.', clientMessageId: randomUUID() });
    expect(reply.status).toBe(201);
    expect(await clocks(conversationId)).toEqual([]);
    expect((await board()).sla.find((c) => c.id === conversationId)).toBeUndefined();
    expect(
      ((await eva.get(`/api/conversations/${conversationId}`)).body as { sla: unknown }).sla,
    ).toBeNull();
    const [{ first_response_at }]: { first_response_at: Date | null }[] = await t.db.query(
      'SELECT first_response_at FROM conversations WHERE id = $1',
      [conversationId],
    );
    expect(first_response_at).not.toBeNull();
  });

  it('asks for the next response when the customer writes again after an answer', async () => {
    await policy({ first: 3600, next: 1800 });
    const email = newEmail();
    const conversationId = await customerWrites(email);
    expect((await eva.post(`/api/conversations/${conversationId}/claim`)).status).toBe(200);
    await eva
      .post(`/api/conversations/${conversationId}/messages`)
      .send({ type: 'reply', body: 'Gern.', clientMessageId: randomUUID() })
      .expect(201);
    await postApiMessage(t.url, channel, {
      id: randomUUID(),
      contact: { email },
      text: 'Noch eine Frage',
    });
    const [next] = await waitFor('the next-response clock', async () => {
      const rows = await clocks(conversationId);
      return rows[0]?.metric === 'next_response' ? rows : null;
    });
    expect(next.target_seconds).toBe(1800);
    expect(next.due_at!.getTime() - next.window_start.getTime()).toBe(1800_000);
  });

  it('stands still while pending: the time used is banked and the rest counts from the resume', async () => {
    await policy({ first: 3600 });
    const conversationId = await customerWrites(newEmail());
    await waitFor('the clock', async () => (await clocks(conversationId)).length === 1);
    expect((await eva.post(`/api/conversations/${conversationId}/claim`)).status).toBe(200);
    // Ten minutes have passed since the customer wrote.
    await t.db.query(
      `UPDATE sla_clocks SET counting_since = counting_since - interval '10 minutes'
        WHERE conversation_id = $1`,
      [conversationId],
    );
    expect(
      (await eva.patch(`/api/conversations/${conversationId}`).send({ status: 'pending' })).status,
    ).toBe(200);
    const [paused] = await clocks(conversationId);
    expect(paused).toMatchObject({ counting_since: null, risk_at: null, due_at: null });
    expect(paused.used_seconds).toBeGreaterThanOrEqual(600);
    expect(paused.used_seconds).toBeLessThan(660);

    expect(
      (await eva.patch(`/api/conversations/${conversationId}`).send({ status: 'open' })).status,
    ).toBe(200);
    const [resumed] = await clocks(conversationId);
    expect(resumed.used_seconds).toBe(paused.used_seconds);
    expect(resumed.due_at!.getTime() - resumed.counting_since!.getTime()).toBeCloseTo(
      (3600 - paused.used_seconds) * 1000,
      -1,
    );
  });

  it('with its timers lost, the sweep fires what is due once and puts back what comes soon', async () => {
    await policy({ first: 3600, resolution: 7200 });
    const conversationId = await customerWrites(newEmail());
    await waitFor('the clocks', async () => (await clocks(conversationId)).length === 2);
    await drainQueues(t);
    await loseTimers(conversationId);
    // The first response ran out a minute ago; the resolution comes at risk in five minutes.
    await t.db.query(
      `UPDATE sla_clocks SET risk_at = now() - interval '2 minutes', due_at = now() - interval '1 minute'
        WHERE conversation_id = $1 AND clock = 'response'`,
      [conversationId],
    );
    await t.db.query(
      `UPDATE sla_clocks SET risk_at = now() + interval '5 minutes', due_at = now() + interval '1 hour'
        WHERE conversation_id = $1 AND clock = 'resolution'`,
      [conversationId],
    );
    // Two workers sweeping at once.
    await Promise.all([sla().sweep(), sla().sweep()]);
    const [response, resolution] = await clocks(conversationId);
    expect(response.breached_at).not.toBeNull();
    // Past its deadline, the at-risk step is moot: only the breach is recorded.
    expect(response.risk_fired_at).toBeNull();
    expect(resolution).toMatchObject({ risk_fired_at: null, breached_at: null });
    expect((await slaEvents(conversationId)).map((e) => e.kind)).toEqual(['sla.breached']);
    const restored = (await timers().getDelayed())
      .filter((j) => (j.data as { conversationId?: string }).conversationId === conversationId)
      .map((j) => `${j.name} ${(j.data as { clock: string }).clock}`);
    expect(restored).toEqual([`${JOBS.slaRisk} resolution`]);
  });

  it('follows a change of the team’s policy and stops when the conversation is resolved', async () => {
    await policy({ first: 3600 });
    const conversationId = await customerWrites(newEmail());
    await waitFor('the clock', async () => (await clocks(conversationId)).length === 1);
    expect((await eva.post(`/api/conversations/${conversationId}/claim`)).status).toBe(200);
    const ada = await makeUser(t.db, { role: 'admin', name: `Ada ${randomUUID().slice(0, 4)}` });
    const admin = as(t.url, (await login(t.url, ada)).accessToken);
    const put = await admin
      .put(`/api/teams/${serviceId}/sla-policies`)
      .send({ policies: [{ firstResponseSeconds: 600, resolutionSeconds: 3600 }] });
    expect(put.status).toBe(200);
    const replanned = await waitFor('the clocks replanned', async () => {
      const rows = await clocks(conversationId);
      return rows.length === 2 && rows[0].target_seconds === 600 ? rows : null;
    });
    expect(replanned[0].due_at!.getTime() - replanned[0].window_start.getTime()).toBe(600_000);
    // The team records that its change is applied, so the sweep does not replan it again.
    await waitFor('the replan recorded', async () => {
      const [{ done }]: { done: boolean }[] = await t.db.query(
        'SELECT sla_replanned_at >= sla_changed_at AS done FROM teams WHERE id = $1',
        [serviceId],
      );
      return done;
    });
    expect(await t.app.get(SlaTimerService).replanChangedTeams()).toBe(0);

    expect(
      (await eva.patch(`/api/conversations/${conversationId}`).send({ status: 'resolved' })).status,
    ).toBe(200);
    expect(await clocks(conversationId)).toEqual([]);
  });

  /** A conversation of Service moved to a new team with its own first-response target. */
  async function inNewTeam(): Promise<{ conversationId: string; teamId: string }> {
    const teamId = (await makeTeam(t.db, `Projekt ${randomUUID().slice(0, 6)}`)).id;
    await t.db.query(
      'INSERT INTO sla_policies (team_id, first_response_seconds) VALUES ($1, 1800)',
      [teamId],
    );
    await policy({});
    const conversationId = await customerWrites(newEmail());
    await drainQueues(t);
    await t.db.query('UPDATE conversations SET team_id = $2 WHERE id = $1', [
      conversationId,
      teamId,
    ]);
    expect(await sla().replanConversations([conversationId])).toBe(1);
    const [clock] = await clocks(conversationId);
    expect(clock).toMatchObject({ clock: 'response', target_seconds: 1800 });
    return { conversationId, teamId };
  }

  it('stops the clocks of a deleted team’s conversations, and never fires a step without a team', async () => {
    const ada = await makeUser(t.db, { role: 'admin', name: `Ada ${randomUUID().slice(0, 4)}` });
    const admin = as(t.url, (await login(t.url, ada)).accessToken);

    const deleted = await inNewTeam();
    expect((await admin.delete(`/api/teams/${deleted.teamId}`)).status).toBe(204);
    await waitFor(
      'the clocks stopped',
      async () => (await clocks(deleted.conversationId)).length === 0,
    );
    const [row]: { team_id: string | null; sla_due_at: Date | null }[] = await t.db.query(
      'SELECT team_id, sla_due_at FROM conversations WHERE id = $1',
      [deleted.conversationId],
    );
    expect(row).toEqual({ team_id: null, sla_due_at: null });

    // The team gone without the replan (its job lost): the step due finds no target and stops.
    const lost = await inNewTeam();
    await t.db.query('DELETE FROM teams WHERE id = $1', [lost.teamId]);
    await t.db.query(
      `UPDATE sla_clocks SET risk_at = now() - interval '2 minutes', due_at = now() - interval '1 minute'
        WHERE conversation_id = $1`,
      [lost.conversationId],
    );
    expect(await sla().fire(lost.conversationId, 'response', 'breach')).toBe('stale');
    expect(await clocks(lost.conversationId)).toEqual([]);
    const events: unknown[] = await t.db.query(
      `SELECT kind FROM timeline_events WHERE conversation_id = $1 AND kind LIKE 'sla.%'`,
      [lost.conversationId],
    );
    expect(events).toEqual([]);
  });
});
