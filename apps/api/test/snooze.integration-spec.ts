import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import {
  REALTIME_EVENTS,
  type ConversationSummaryDto,
  type TimelineDto,
  type TimelineEntryDto,
} from '@touchpoint/shared';
import type { Queue } from 'bullmq';
import { JOBS, QUEUES } from '../src/core/queue/queue.constants';
import type { Channel } from '../src/modules/channels/channel.entity';
import { makeChannel, postApiMessage } from './helpers/channels';
import { waitForConversationOf } from './helpers/conversations';
import { makeTeam, makeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { once, readyStaff } from './helpers/sockets';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

describe('snoozed conversations', () => {
  let t: TestApp;
  let channel: Channel;
  let token: string;
  let agent: ReturnType<typeof as>;

  beforeAll(async () => {
    t = await startTestApp();
    const teamId = (await makeTeam(t.db, 'Service')).id;
    channel = await makeChannel(t.db, 'api', teamId, { secret: 'snooze-secret-0123456789' });
    token = (await login(t.url, await makeUser(t.db, { teams: [teamId] }))).accessToken;
    agent = as(t.url, token);
  });
  afterAll(() => t.close());

  const timers = () => t.app.get<Queue>(getQueueToken(QUEUES.timers));

  async function newConversation(): Promise<string> {
    const email = `snooze-${randomUUID()}@example.test`;
    await postApiMessage(t.url, channel, { id: randomUUID(), contact: { email }, text: 'Hallo' });
    return waitForConversationOf(t.db, email);
  }

  async function snooze(id: string, until: Date): Promise<ConversationSummaryDto> {
    const res = await agent
      .patch(`/api/conversations/${id}`)
      .send({ status: 'snoozed', snoozedUntil: until.toISOString() });
    expect(res.status).toBe(200);
    return res.body as ConversationSummaryDto;
  }

  const wokeUp = async (id: string): Promise<TimelineEntryDto[]> =>
    ((await agent.get(`/api/conversations/${id}/timeline`)).body as TimelineDto).entries.filter(
      (e) => e.type === 'event' && e.event.kind === 'conversation.woke_up',
    );

  const statusOf = async (id: string): Promise<{ status: string; snoozed_until: Date | null }> =>
    (await t.db.query('SELECT status, snoozed_until FROM conversations WHERE id = $1', [id]))[0];

  it('refuses a snooze time that is not in the future with 400 naming the field', async () => {
    const id = await newConversation();
    for (const until of [new Date(Date.now() - 60_000), new Date()]) {
      const res = await agent
        .patch(`/api/conversations/${id}`)
        .send({ status: 'snoozed', snoozedUntil: until.toISOString() });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(res.body.message).toContain('snoozedUntil must be in the future');
    }
    expect((await statusOf(id)).status).toBe('open');
  });

  it('wakes at its time: open again, a timeline event, and a live update', async () => {
    const id = await newConversation();
    const socket = await readyStaff(t.url, token);
    try {
      const until = new Date(Date.now() + 2000);
      const awake = once<{ conversation: ConversationSummaryDto }>(
        socket,
        REALTIME_EVENTS.conversationUpdated,
        (p) => p.conversation.id === id && p.conversation.status === 'open',
        15_000,
      );
      expect((await snooze(id, until)).status).toBe('snoozed');
      // Snoozing twice for the same time is one wake-up.
      await snooze(id, until);

      await awake;
      expect(Date.now()).toBeGreaterThanOrEqual(until.getTime());
      expect(await statusOf(id)).toEqual({ status: 'open', snoozed_until: null });
      const events = await wokeUp(id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        event: { actor: null, data: { snoozedUntil: until.toISOString() } },
      });
    } finally {
      socket.disconnect();
    }
  });

  it('a wake-up whose snooze was changed meanwhile leaves the conversation alone', async () => {
    const id = await newConversation();
    const first = new Date(Date.now() + 1000);
    await snooze(id, first);
    const later = new Date(Date.now() + 3_600_000);
    await snooze(id, later);
    const job = await timers().getJob(`${id}.${first.getTime()}`);
    expect(job).toBeDefined();
    await waitFor('the first wake-up done', async () => job && (await job.isCompleted()));
    expect((await timers().getJob(`${id}.${first.getTime()}`))?.returnvalue).toBe('stale');
    expect(await statusOf(id)).toEqual({ status: 'snoozed', snoozed_until: later });
    expect(await wokeUp(id)).toEqual([]);
  });

  it('a wake-up Redis lost is done by the sweep', async () => {
    const id = await newConversation();
    const until = new Date(Date.now() + 1000);
    await snooze(id, until);
    const job = await timers().getJob(`${id}.${until.getTime()}`);
    await job?.remove();
    expect(await timers().getJob(`${id}.${until.getTime()}`)).toBeUndefined();
    await waitFor('the snooze time passed', async () =>
      Boolean((await t.db.query('SELECT now() > $1::timestamptz AS due', [until]))[0].due),
    );

    await t.app.get<Queue>(getQueueToken(QUEUES.maintenance)).add(JOBS.sweepSnoozed, {});
    await waitFor('woken by the sweep', async () => (await statusOf(id)).status === 'open');
    expect(await wokeUp(id)).toHaveLength(1);
  });

  it('the sweep is a recurring job', async () => {
    const schedulers = await t.app.get<Queue>(getQueueToken(QUEUES.maintenance)).getJobSchedulers();
    expect(schedulers.map((s) => ({ name: s.name, every: s.every }))).toContainEqual({
      name: JOBS.sweepSnoozed,
      every: 30_000,
    });
  });
});
