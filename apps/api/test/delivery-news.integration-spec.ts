import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUES } from '../src/core/queue/queue.constants';
import type { MessageDto } from '@touchpoint/shared';
import type { Channel } from '../src/modules/channels/channel.entity';
import { OutboundSweepJob } from '../src/modules/outbound/outbound-sweep.job';
import { CallbackServer } from './helpers/callback-server';
import { waitForConversationOf } from './helpers/conversations';
import { makeChannel, postApiMessage } from './helpers/channels';
import { drainQueues } from './helpers/drain-queues';
import { makeTeam, makeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { once, readyStaff } from './helpers/sockets';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

const SECRET = 'api-channel-secret-0123456789';

describe('delivery news about replies', () => {
  let t: TestApp;
  let callback: CallbackServer;
  let channel: Channel;
  let api: ReturnType<typeof as>;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp();
    callback = await new CallbackServer().start();
    const teamId = (await makeTeam(t.db, 'Service')).id;
    channel = await makeChannel(t.db, 'api', teamId, { secret: SECRET, callbackUrl: callback.url });
    const agent = await makeUser(t.db, { teams: [teamId], name: 'Anna' });
    token = (await login(t.url, agent)).accessToken;
    api = as(t.url, token);
  });
  afterAll(async () => {
    await t.close();
    await callback.stop();
  });

  /** A customer writes; the agent answers. Answers the reply's id. */
  const reply = async (tag: string) => {
    const email = `${tag}-${randomUUID().slice(0, 6)}@example.test`;
    await postApiMessage(t.url, channel, {
      id: `in-${randomUUID()}`,
      contact: { email },
      text: 'Hallo',
    });
    const conversationId = await waitForConversationOf(t.db, email);
    const res = await api
      .post(`/api/conversations/${conversationId}/messages`)
      .send({ type: 'reply', body: `Antwort ${tag}`, clientMessageId: randomUUID() });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const stateOf = async (messageId: string) =>
    (
      await t.db.query(
        `SELECT delivery_status AS status, delivery_error AS error, provider_message_id AS "providerId"
           FROM messages WHERE id = $1`,
        [messageId],
      )
    )[0] as { status: string; error: string | null; providerId: string | null };
  const sent = (messageId: string) =>
    waitFor(`reply ${messageId} sent`, async () => {
      const s = await stateOf(messageId);
      return s.status === 'sent' ? s : null;
    });
  const notice = (messageId: string, status: string, error?: string) =>
    postApiMessage(t.url, channel, {
      event: 'message.status',
      id: `n-${randomUUID()}`,
      messageId,
      status,
      ...(error && { error }),
    });

  it('moves a reply on as news comes, in any order, never back, and tells the inbox live', async () => {
    const id = await reply('order');
    const { providerId } = await sent(id);
    const socket = await readyStaff(t.url, token);
    try {
      const live = once<{ message: MessageDto }>(
        socket,
        'message.updated',
        (p) => p.message.id === id && p.message.deliveryStatus === 'read',
      );
      const read = await notice(providerId ?? '', 'read');
      expect(read.status).toBe(202);
      await live;
      expect((await stateOf(id)).status).toBe('read');

      // "delivered" arriving after "read" is old news.
      expect((await notice(providerId ?? '', 'delivered')).status).toBe(202);
      await drainQueues(t);
      expect((await stateOf(id)).status).toBe('read');
    } finally {
      socket.disconnect();
    }
  });

  it('keeps news that beats the send being recorded, and applies it once it is', async () => {
    const release = callback.hold();
    let id: string;
    let providerId: string;
    try {
      const before = callback.requests.length;
      id = await reply('early');
      await waitFor(
        'the callback received the reply',
        async () => callback.requests.length > before,
      );
      // The receiver will answer with this id; its status callback comes before its answer does.
      providerId = `cb-${callback.calls.length + 1}`;
      expect((await notice(providerId, 'delivered')).status).toBe(202);
      const kept = await waitFor('the early news kept', async () => {
        const rows: { status: string }[] = await t.db.query(
          'SELECT status FROM delivery_news WHERE channel_id = $1 AND provider_message_id = $2',
          [channel.id, providerId],
        );
        return rows.length ? rows : null;
      });
      expect(kept).toEqual([{ status: 'delivered' }]);
      expect((await stateOf(id)).status).toBe('sending');
    } finally {
      release();
    }
    const state = await waitFor('the reply recorded with the early news', async () => {
      const s = await stateOf(id);
      return s.providerId ? s : null;
    });
    expect(state).toMatchObject({ status: 'delivered', providerId });
    const left = await t.db.query(
      'SELECT count(*)::int AS n FROM delivery_news WHERE provider_message_id = $1',
      [providerId],
    );
    expect(left[0].n).toBe(0);
  });

  it('a failure says why, and a failed reply stays failed', async () => {
    const id = await reply('fail');
    const { providerId } = await sent(id);
    await notice(providerId ?? '', 'failed', 'Handset unreachable');
    const failed = await waitFor('failed', async () => {
      const s = await stateOf(id);
      return s.status === 'failed' ? s : null;
    });
    expect(failed.error).toBe('Handset unreachable');
    await notice(providerId ?? '', 'delivered');
    await drainQueues(t);
    expect((await stateOf(id)).status).toBe('failed');
  });

  it('refuses a notice it cannot understand with 400 naming the field, and stores nothing', async () => {
    const noticeId = `bad-${randomUUID()}`;
    const bad = await postApiMessage(t.url, channel, {
      event: 'message.status',
      id: noticeId,
      messageId: 'cb-1',
      status: 'opened',
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('status');
    const stored = await t.db.query(
      'SELECT count(*)::int AS n FROM inbound_events WHERE provider_message_id = $1',
      [`status:${noticeId}`],
    );
    expect(stored[0].n).toBe(0);
  });

  it('a repeated notice is a duplicate, told apart from a message with the same id', async () => {
    const id = `same-${randomUUID()}`;
    const first = await postApiMessage(t.url, channel, {
      event: 'message.status',
      id,
      messageId: 'unknown-to-us',
      status: 'delivered',
    });
    const again = await postApiMessage(t.url, channel, {
      event: 'message.status',
      id,
      messageId: 'unknown-to-us',
      status: 'delivered',
    });
    const message = await postApiMessage(t.url, channel, {
      id,
      contact: { email: `same-${randomUUID().slice(0, 6)}@example.test` },
      text: 'Eine Nachricht mit derselben Kennung',
    });
    expect([first.body.duplicate, again.body.duplicate, message.body.duplicate]).toEqual([
      false,
      true,
      false,
    ]);
  });

  it('waits as long as a receiver that is busy asks, without using up attempts', async () => {
    callback.retryAfter = '1';
    callback.nextStatuses.push(429, 503);
    try {
      const before = callback.requests.length;
      const id = await reply('busy');
      await sent(id);
      const tries = callback.requests.slice(before);
      expect(tries.map((r) => r.status)).toEqual([429, 503, 200]);
      // Each try came after the second the receiver asked for.
      expect(tries[1].at - tries[0].at).toBeGreaterThanOrEqual(950);
      expect(tries[2].at - tries[1].at).toBeGreaterThanOrEqual(950);
      // The job counts its run once it has finished, a moment after the reply is recorded as sent.
      const job = await waitFor('the delivery job finished', async () => {
        const j = await t.app.get<Queue>(getQueueToken(QUEUES.outbound)).getJob(id);
        return j?.finishedOn ? j : null;
      });
      // Only the run that sent it counts; two failed attempts would have made it 3.
      expect(job?.attemptsMade).toBe(1);
      expect(job?.data.waits).toBe(2);
    } finally {
      callback.retryAfter = undefined;
    }
  });

  it('forgets news no send claimed within a day', async () => {
    const [stale, fresh] = [`stale-${randomUUID()}`, `fresh-${randomUUID()}`];
    await t.db.query(
      `INSERT INTO delivery_news (channel_id, provider_message_id, status, received_at)
       VALUES ($1, $2, 'delivered', now() - interval '25 hours'), ($1, $3, 'delivered', now())`,
      [channel.id, stale, fresh],
    );
    await t.app.get(OutboundSweepJob).sweep(3600);
    const left: { id: string }[] = await t.db.query(
      `SELECT provider_message_id AS id FROM delivery_news WHERE provider_message_id = ANY($1)`,
      [[stale, fresh]],
    );
    expect(left.map((r) => r.id)).toEqual([fresh]);
  });
});
