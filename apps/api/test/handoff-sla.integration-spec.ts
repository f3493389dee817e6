import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { HandoffDto, NotificationListDto, TimelineDto } from '@touchpoint/shared';
import type { Queue } from 'bullmq';
import { JOBS, QUEUES } from '../src/core/queue/queue.constants';
import type { Channel } from '../src/modules/channels/channel.entity';
import { HandoffSla } from '../src/modules/handoffs/handoff-sla.service';
import { makeChannel, postApiMessage } from './helpers/channels';
import { waitForConversationOf } from './helpers/conversations';
import { makeTeam, makeUser, type MadeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

type Api = ReturnType<typeof as>;

interface SlaRow {
  status: string;
  breached: boolean;
  accepted_at: Date | null;
  answer_due_at: Date | null;
  accept_reminded_at: Date | null;
  accept_escalated_at: Date | null;
  answer_reminded_at: Date | null;
  answer_escalated_at: Date | null;
}

describe('handoff SLA: reminders and escalations that survive Redis', () => {
  let t: TestApp;
  let channel: Channel;
  let salesId: string;
  let eva: Api;
  let clara: Api;
  let sven: Api;
  let users: Record<'eva' | 'clara' | 'sven', MadeUser>;

  const NOTE = 'Kunde fragt nach dem Angebot für 20 Stühle, Lieferung bis Freitag zugesagt.';

  beforeAll(async () => {
    t = await startTestApp();
    const marketingId = (await makeTeam(t.db, 'Marketing')).id;
    salesId = (await makeTeam(t.db, 'Sales')).id;
    channel = await makeChannel(t.db, 'api', marketingId, {
      secret: 'handoff-sla-secret-0123456789',
      callbackUrl: 'http://127.0.0.1:9/none',
    });
    users = {
      eva: await makeUser(t.db, { teams: [marketingId], name: 'Eva' }),
      clara: await makeUser(t.db, { teams: [salesId], name: 'Clara' }),
      sven: await makeUser(t.db, { role: 'supervisor', name: 'Sven' }),
    };
    const token = async (u: MadeUser) => as(t.url, (await login(t.url, u)).accessToken);
    [eva, clara, sven] = await Promise.all([
      token(users.eva),
      token(users.clara),
      token(users.sven),
    ]);
  });
  afterAll(() => t.close());

  const timers = () => t.app.get<Queue>(getQueueToken(QUEUES.timers));
  const maintenance = () => t.app.get<Queue>(getQueueToken(QUEUES.maintenance));

  /** A consult from Eva's conversation to Sales, accepted by Clara unless told otherwise. */
  async function consult(accept = true): Promise<{ conversationId: string; handoffId: string }> {
    const email = `kunde-${randomUUID().slice(0, 8)}@example.test`;
    await postApiMessage(t.url, channel, { id: randomUUID(), contact: { email }, text: 'Angebot' });
    const conversationId = await waitForConversationOf(t.db, email);
    expect((await eva.post(`/api/conversations/${conversationId}/claim`)).status).toBe(200);
    const requested = await eva
      .post(`/api/conversations/${conversationId}/handoffs`)
      .send({ kind: 'consult', teamId: salesId, note: NOTE });
    expect(requested.status).toBe(201);
    const handoffId = (requested.body as HandoffDto).id;
    if (accept) expect((await clara.post(`/api/handoffs/${handoffId}/accept`)).status).toBe(200);
    return { conversationId, handoffId };
  }

  const slaOf = async (handoffId: string): Promise<SlaRow> =>
    (
      await t.db.query(
        `SELECT status, breached, accepted_at, answer_due_at, accept_reminded_at,
                accept_escalated_at, answer_reminded_at, answer_escalated_at
         FROM handoffs WHERE id = $1`,
        [handoffId],
      )
    )[0];

  const escalations = async (conversationId: string) =>
    (
      (await eva.get(`/api/conversations/${conversationId}/timeline`)).body as TimelineDto
    ).entries.flatMap((e) =>
      e.type === 'event' && e.event.kind === 'handoff.escalated' ? [e.event] : [],
    );

  const escalationNotices = async (api: Api, handoffId: string) =>
    ((await api.get('/api/notifications')).body as NotificationListDto).items.filter(
      (n) => n.kind === 'handoff.escalated' && n.handoffId === handoffId,
    );

  /** Redis forgets the handoff's delayed timers, as a Redis that restarted empty would. */
  async function loseTimers(handoffId: string): Promise<void> {
    for (const job of await timers().getDelayed())
      if ((job.data as { handoffId?: string }).handoffId === handoffId) await job.remove();
    const left = (await timers().getDelayed()).filter(
      (job) => (job.data as { handoffId?: string }).handoffId === handoffId,
    );
    expect(left).toEqual([]);
  }

  it('reminds the specialist at half the answer time and escalates an unanswered consult at its end', async () => {
    await t.db.query('UPDATE teams SET consult_answer_seconds = 4 WHERE id = $1', [salesId]);
    try {
      const { conversationId, handoffId } = await consult();
      const escalated = await waitFor(
        'the answer SLA escalated',
        async () => {
          const row = await slaOf(handoffId);
          return row.answer_escalated_at ? row : null;
        },
        15_000,
      );
      const { accepted_at, answer_due_at, answer_reminded_at } = escalated;
      if (!accepted_at || !answer_due_at || !answer_reminded_at) throw new Error('SLA not set');
      const half = (accepted_at.getTime() + answer_due_at.getTime()) / 2;
      expect(answer_reminded_at.getTime()).toBeGreaterThanOrEqual(Math.floor(half));
      expect(answer_reminded_at.getTime()).toBeLessThan(answer_due_at.getTime());
      expect(escalated.answer_escalated_at?.getTime()).toBeGreaterThanOrEqual(
        answer_due_at.getTime(),
      );
      // Still the specialist's to answer; only marked as late.
      expect(escalated).toMatchObject({
        status: 'accepted',
        breached: true,
        accept_escalated_at: null,
      });
      const events = await escalations(conversationId);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actor: null,
        data: { handoffId, phase: 'answer', user: { id: users.clara.id, name: 'Clara' } },
      });
      expect(await escalationNotices(sven, handoffId)).toHaveLength(1);
      expect(await escalationNotices(clara, handoffId)).toHaveLength(1);
      const card = (
        (await eva.get(`/api/conversations/${conversationId}/handoffs`)).body as HandoffDto[]
      )[0];
      expect(card).toMatchObject({ status: 'accepted', breached: true });
    } finally {
      await t.db.query('UPDATE teams SET consult_answer_seconds = 7200 WHERE id = $1', [salesId]);
    }
  });

  it('a completed consult is neither reminded nor escalated', async () => {
    const { conversationId, handoffId } = await consult();
    expect(
      (await clara.post(`/api/handoffs/${handoffId}/complete`).send({ summary: 'erledigt' }))
        .status,
    ).toBe(200);
    // As if its time had come.
    await t.db.query(
      `UPDATE handoffs SET accepted_at = now() - interval '3 hours',
                           answer_due_at = now() - interval '1 hour' WHERE id = $1`,
      [handoffId],
    );
    const sla = t.app.get(HandoffSla);
    expect(await sla.remind(handoffId, 'answer')).toBe('stale');
    expect(await sla.escalate(handoffId, 'answer')).toBe('stale');
    await sla.sweep();
    expect(await slaOf(handoffId)).toMatchObject({
      answer_reminded_at: null,
      answer_escalated_at: null,
      breached: false,
    });
    expect(await escalations(conversationId)).toEqual([]);
  });

  it('with its delayed jobs lost, the sweep reminds and escalates the answer SLA, each once', async () => {
    const { conversationId, handoffId } = await consult();
    await loseTimers(handoffId);
    const sla = t.app.get(HandoffSla);

    // Half time passed, the deadline is still ahead.
    await t.db.query(
      `UPDATE handoffs SET accepted_at = now() - interval '2 hours',
                           answer_remind_at = now() - interval '1 hour',
                           answer_due_at = now() + interval '1 minute' WHERE id = $1`,
      [handoffId],
    );
    // Two workers sweeping at once.
    await Promise.all([sla.sweep(), sla.sweep()]);
    const reminded = await slaOf(handoffId);
    expect(reminded.answer_reminded_at).not.toBeNull();
    expect(reminded.answer_escalated_at).toBeNull();
    // The escalation due within the minute got its delayed job back.
    const restored = (await timers().getDelayed()).filter(
      (job) => (job.data as { handoffId?: string }).handoffId === handoffId,
    );
    expect(restored.map((job) => job.name)).toEqual([JOBS.escalateHandoff]);
    expect(await sla.remind(handoffId, 'answer')).toBe('stale');

    await loseTimers(handoffId);
    await t.db.query(
      `UPDATE handoffs SET answer_due_at = now() - interval '1 second' WHERE id = $1`,
      [handoffId],
    );
    // The recurring sweep (twice, as two workers would run it) and a direct call race for it.
    const [first, second] = await Promise.all([
      maintenance().add(JOBS.sweepHandoffSla, {}),
      maintenance().add(JOBS.sweepHandoffSla, {}),
      sla.sweep(),
    ]);
    await waitFor('both queued sweeps done', async () =>
      (await Promise.all([first.isCompleted(), second.isCompleted()])).every(Boolean),
    );
    expect((await slaOf(handoffId)).answer_reminded_at).toEqual(reminded.answer_reminded_at);
    expect(await escalations(conversationId)).toHaveLength(1);
    expect(await escalationNotices(sven, handoffId)).toHaveLength(1);
    expect(await sla.escalate(handoffId, 'answer')).toBe('stale');
  });

  it('with its delayed jobs lost, the sweep escalates an unaccepted handoff once, without a late reminder', async () => {
    const { conversationId, handoffId } = await consult(false);
    await loseTimers(handoffId);
    await t.db.query(
      `UPDATE handoffs SET created_at = now() - interval '20 minutes',
                           accept_due_at = now() - interval '1 second' WHERE id = $1`,
      [handoffId],
    );
    const sla = t.app.get(HandoffSla);
    await Promise.all([sla.sweep(), sla.sweep()]);
    expect(await slaOf(handoffId)).toMatchObject({
      status: 'requested',
      breached: true,
      accept_reminded_at: null,
    });
    expect((await slaOf(handoffId)).accept_escalated_at).not.toBeNull();
    const events = await escalations(conversationId);
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({ handoffId, phase: 'accept' });
    expect(await escalationNotices(sven, handoffId)).toHaveLength(1);
  });

  it('the sweep is a recurring job', async () => {
    const schedulers = await maintenance().getJobSchedulers();
    expect(schedulers.map((s) => ({ name: s.name, every: s.every }))).toContainEqual({
      name: JOBS.sweepHandoffSla,
      every: 30_000,
    });
  });
});
