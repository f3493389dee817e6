import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type ConversationListDto,
  type ConversationSummaryDto,
  type MessageDto,
  type TimelineDto,
} from '@touchpoint/shared';
import request from 'supertest';
import { getQueueToken } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { QUEUE_ATTEMPTS, QUEUES } from '../src/core/queue/queue.constants';
import type { Channel } from '../src/modules/channels/channel.entity';
import { OutboundDeliverJob } from '../src/modules/outbound/outbound-deliver.job';
import { CallbackServer } from './helpers/callback-server';
import { conversationsOfContact, waitForConversationOf } from './helpers/conversations';
import { makeChannel, postApiMessage } from './helpers/channels';
import { drainQueues } from './helpers/drain-queues';
import { makeTeam, makeUser, type MadeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { readyStaff } from './helpers/sockets';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

const SECRET = 'api-channel-secret-0123456789';

describe('conversations through the API channel', () => {
  let t: TestApp;
  let callback: CallbackServer;
  let channel: Channel;
  let teamId: string;
  let anna: MadeUser;
  let annaApi: ReturnType<typeof as>;
  let annaToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    callback = await new CallbackServer().start();
    teamId = (await makeTeam(t.db, 'Service')).id;
    channel = await makeChannel(t.db, 'api', teamId, { secret: SECRET, callbackUrl: callback.url });
    anna = await makeUser(t.db, { teams: [teamId], name: 'Anna' });
    annaToken = (await login(t.url, anna)).accessToken;
    annaApi = as(t.url, annaToken);
  });
  afterAll(async () => {
    await t.close();
    await callback.stop();
  });

  const messagesOf = async (conversationId: string) =>
    (
      (await annaApi.get(`/api/conversations/${conversationId}/timeline`)).body as TimelineDto
    ).entries.flatMap((e) => (e.type === 'message' ? [e.message] : []));

  it('refuses a forged or missing signature with 401 and stores nothing', async () => {
    const body = { id: `m-${randomUUID()}`, contact: { email: 'forger@example.test' }, text: 'hi' };
    const forged = await postApiMessage(t.url, channel, body, 'wrong-secret-wrong-secret');
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('webhooks.invalid_signature');
    const missing = await request(t.url).post(`/webhooks/api/${channel.id}`).send(body);
    expect(missing.status).toBe(401);
    const stored = await t.db.query(
      'SELECT count(*)::int AS n FROM inbound_events WHERE provider_message_id = $1',
      [body.id],
    );
    expect(stored[0].n).toBe(0);
  });

  it('answers 400 naming the problem and 404 for unknown channels', async () => {
    const bad = await postApiMessage(t.url, channel, { id: 'x', contact: {}, text: 'hi' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('contact needs identifier, email or phone');
    const unknown = await request(t.url).post(`/webhooks/api/${randomUUID()}`).send({});
    expect(unknown.status).toBe(404);
  });

  it('stores a message once however often it is delivered, live on the agent socket', async () => {
    const socket = await readyStaff(t.url, annaToken);
    const received: MessageDto[] = [];
    socket.on('message.created', (p: { message: MessageDto }) => received.push(p.message));
    const summaries: ConversationSummaryDto[] = [];
    socket.on('conversation.updated', (p: { conversation: ConversationSummaryDto }) =>
      summaries.push(p.conversation),
    );
    try {
      const body = {
        id: `m-${randomUUID()}`,
        contact: { email: 'Kunde@Example.test', name: 'Karl Kunde' },
        text: 'Wo bleibt meine Bestellung?',
      };
      const answers = await Promise.all([1, 2, 3].map(() => postApiMessage(t.url, channel, body)));
      expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
      expect(answers.filter((a) => a.body.duplicate === false)).toHaveLength(1);

      const conversationId = await waitForConversationOf(t.db, 'kunde@example.test');
      const live = await waitFor('the live message', async () =>
        received.find((m) => m.text === body.text),
      );
      expect(live).toMatchObject({
        type: 'inbound',
        channel: { id: channel.id, kind: 'api' },
        author: { type: 'contact', name: 'Karl Kunde' },
      });

      // A redelivery after processing is still one message.
      expect((await postApiMessage(t.url, channel, body)).body.duplicate).toBe(true);
      await drainQueues(t);
      expect((await messagesOf(conversationId)).filter((m) => m.type === 'inbound')).toHaveLength(
        1,
      );

      const listed = await annaApi.get('/api/conversations?view=unassigned');
      expect(listed.status).toBe(200);
      const list = listed.body as ConversationListDto;
      expect(list.items.find((c) => c.id === conversationId)).toMatchObject({
        contact: { name: 'Karl Kunde' },
        status: 'open',
        owner: null,
        team: { id: teamId, name: 'Service' },
        channelKinds: ['api'],
        unreadCount: 1,
        preview: { text: 'Wo bleibt meine Bestellung?', type: 'inbound' },
      });
      // What the socket said is what a reload shows.
      const timeline = (await annaApi.get(`/api/conversations/${conversationId}/timeline`))
        .body as TimelineDto;
      expect(timeline.entries.find((e) => e.type === 'message')).toEqual(
        expect.objectContaining({ message: live }),
      );
      expect(summaries.filter((c) => c.id === conversationId).pop()).toEqual(
        list.items.find((c) => c.id === conversationId),
      );
    } finally {
      socket.disconnect();
    }
  });

  it('threads a second message of the same contact into the same conversation', async () => {
    const email = `same-${randomUUID().slice(0, 6)}@example.test`;
    await postApiMessage(t.url, channel, {
      id: `a-${randomUUID()}`,
      contact: { email },
      text: 'first',
    });
    await waitFor(
      'first conversation',
      async () => (await conversationsOfContact(t.db, email)).length === 1,
    );
    await postApiMessage(t.url, channel, {
      id: `b-${randomUUID()}`,
      contact: { email: email.toUpperCase() },
      text: 'second',
    });
    const [conversation] = await conversationsOfContact(t.db, email);
    await waitFor('second message', async () => (await messagesOf(conversation.id)).length === 2);
    expect(await conversationsOfContact(t.db, email)).toHaveLength(1);

    // Resolved: the next message without a reference opens a new conversation.
    expect(
      (await annaApi.patch(`/api/conversations/${conversation.id}`).send({ status: 'resolved' }))
        .status,
    ).toBe(200);
    await postApiMessage(t.url, channel, {
      id: `c-${randomUUID()}`,
      contact: { email },
      text: 'new issue',
    });
    await waitFor(
      'a new conversation',
      async () => (await conversationsOfContact(t.db, email)).length === 2,
    );
  });

  it('records a channel switch in the timeline just before the message that switched', async () => {
    const other = await makeChannel(
      t.db,
      'api',
      teamId,
      { secret: 'other-secret-0123456789' },
      'Partner portal',
    );
    const email = `switch-${randomUUID().slice(0, 6)}@example.test`;
    await postApiMessage(t.url, channel, {
      id: `sw1-${randomUUID()}`,
      contact: { email },
      text: 'via shop',
    });
    const id = await waitForConversationOf(t.db, email);
    await waitFor('first message', async () => (await messagesOf(id)).length === 1);
    await postApiMessage(t.url, other, {
      id: `sw2-${randomUUID()}`,
      contact: { email },
      text: 'via portal',
    });
    await waitFor('second message', async () => (await messagesOf(id)).length === 2);
    const timeline = (await annaApi.get(`/api/conversations/${id}/timeline`)).body as TimelineDto;
    expect(
      timeline.entries.map((e) => (e.type === 'message' ? e.message.text : e.event.kind)),
    ).toEqual(['conversation.opened', 'via shop', 'conversation.channel_switched', 'via portal']);
    expect(timeline.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    // Counted on the conversation for reports.
    const [{ channel_switches }]: { channel_switches: number }[] = await t.db.query(
      'SELECT channel_switches FROM conversations WHERE id = $1',
      [id],
    );
    expect(channel_switches).toBe(1);
    const switched = timeline.entries[2];
    expect(switched.type === 'event' && switched.event.data).toMatchObject({
      from: { name: channel.name },
      to: { name: 'Partner portal' },
    });
    const summary = (await annaApi.get(`/api/conversations/${id}`)).body;
    expect(summary.channelKinds).toEqual(['api']);
    expect(summary.lastInboundChannel).toMatchObject({ id: other.id, name: 'Partner portal' });
  });

  it('sends a reply through the channel, signed, once per clientMessageId; notes go nowhere', async () => {
    const email = `reply-${randomUUID().slice(0, 6)}@example.test`;
    await postApiMessage(t.url, channel, {
      id: `r-${randomUUID()}`,
      contact: { email, identifier: `crm-${email}` },
      text: 'Frage',
    });
    const id = await waitForConversationOf(t.db, email);
    const before = callback.calls.length;

    const note = await annaApi
      .post(`/api/conversations/${id}/messages`)
      .send({ type: 'note', body: 'INTERNAL: check the warehouse', clientMessageId: randomUUID() });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ type: 'note', channel: null, deliveryStatus: null });

    const clientMessageId = randomUUID();
    const [first, second] = await Promise.all(
      [1, 2].map(() =>
        annaApi
          .post(`/api/conversations/${id}/messages`)
          .send({ type: 'reply', body: 'Ihre Bestellung ist unterwegs.', clientMessageId }),
      ),
    );
    expect([first.status, second.status].sort()).toEqual([200, 201]);
    expect(first.body.id).toBe(second.body.id);

    const sent = await waitFor('reply sent', async () => {
      const m = (await messagesOf(id)).find((x) => x.id === first.body.id);
      return m?.deliveryStatus === 'sent' ? m : null;
    });
    expect(sent.channel?.id).toBe(channel.id);
    const calls = callback.calls.slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0].body).toMatchObject({
      event: 'message.outbound',
      conversationId: id,
      messageId: first.body.id,
      text: 'Ihre Bestellung ist unterwegs.',
    });
    expect(calls[0].headers['x-touchpoint-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(JSON.stringify(callback.calls)).not.toContain('INTERNAL');

    // The replier became the owner.
    const conversation = (await annaApi.get(`/api/conversations/${id}`)).body;
    expect(conversation.owner).toEqual({ id: anna.id, name: 'Anna' });
    expect(conversation.unreadCount).toBe(0);
  });

  it('retries a failing callback, reports failed live, and sends once after a manual retry', async () => {
    const email = `down-${randomUUID().slice(0, 6)}@example.test`;
    await postApiMessage(t.url, channel, {
      id: `d-${randomUUID()}`,
      contact: { email },
      text: 'Hallo?',
    });
    const id = await waitForConversationOf(t.db, email);
    const socket = await readyStaff(t.url, annaToken);
    const updates: MessageDto[] = [];
    socket.on('message.updated', (p: { message: MessageDto }) => updates.push(p.message));
    try {
      callback.status = 503;
      const before = callback.calls.length;
      const reply = await annaApi
        .post(`/api/conversations/${id}/messages`)
        .send({ type: 'reply', body: 'Antwort', clientMessageId: randomUUID() });
      const failed = await waitFor(
        'failed live',
        async () => updates.find((u) => u.id === reply.body.id && u.deliveryStatus === 'failed'),
        15_000,
      );
      expect(failed.deliveryError).toContain('503');
      const attempts = await t.db.query('SELECT delivery_attempts FROM messages WHERE id = $1', [
        reply.body.id,
      ]);
      expect(attempts[0].delivery_attempts).toBe(QUEUE_ATTEMPTS.outbound);

      callback.status = 200;
      const retried = await annaApi.post(`/api/messages/${reply.body.id}/retry`);
      expect(retried.status).toBe(201);
      await waitFor('sent live', async () =>
        updates.find((u) => u.id === reply.body.id && u.deliveryStatus === 'sent'),
      );
      await drainQueues(t);
      expect(
        callback.calls
          .slice(before)
          .filter((c) => (c.body as { messageId: string }).messageId === reply.body.id),
      ).toHaveLength(1);
      expect((await annaApi.post(`/api/messages/${reply.body.id}/retry`)).status).toBe(409);
    } finally {
      socket.disconnect();
      callback.status = 200;
    }
  });

  describe('at-least-once replies', () => {
    const replyTo = async (tag: string) => {
      const email = `${tag}-${randomUUID().slice(0, 6)}@example.test`;
      await postApiMessage(t.url, channel, {
        id: `${tag}-${randomUUID()}`,
        contact: { email },
        text: 'Hi',
      });
      const id = await waitForConversationOf(t.db, email);
      const reply = await annaApi
        .post(`/api/conversations/${id}/messages`)
        .send({ type: 'reply', body: `Answer ${tag}`, clientMessageId: randomUUID() });
      expect(reply.status).toBe(201);
      return reply.body.id as string;
    };
    const statusOf = async (messageId: string) =>
      (
        await t.db.query(
          'SELECT delivery_status AS status, provider_message_id AS "providerId" FROM messages WHERE id = $1',
          [messageId],
        )
      )[0] as { status: string; providerId: string | null };
    const requestsFor = (messageId: string) =>
      callback.requests.filter((r) => (r.body as { messageId?: string }).messageId === messageId);
    const runJobAgain = (messageId: string) =>
      t.app.get(OutboundDeliverJob).handle({
        data: { messageId },
        attemptsMade: 0,
        opts: { attempts: 5 },
      } as Job<{
        messageId: string;
      }>);

    it('a callback answered 500 then 200 gets the same Idempotency-Key (the message id) both times', async () => {
      callback.nextStatuses.push(500);
      const messageId = await replyTo('idem');
      await waitFor(
        'reply sent',
        async () => (await statusOf(messageId)).status === 'sent',
        15_000,
      );
      const requests = requestsFor(messageId);
      expect(requests.map((r) => r.status)).toEqual([500, 200]);
      expect(requests.map((r) => r.headers['idempotency-key'])).toEqual([messageId, messageId]);
    });

    it('a reply whose provider id is recorded is not sent again when its job runs again', async () => {
      const messageId = await replyTo('once');
      await waitFor('reply sent', async () => (await statusOf(messageId)).status === 'sent');
      // Accepted and recorded, but not yet marked sent when the worker died.
      await t.db.query(`UPDATE messages SET delivery_status = 'sending' WHERE id = $1`, [
        messageId,
      ]);
      await runJobAgain(messageId);
      expect(requestsFor(messageId)).toHaveLength(1);
      expect(await statusOf(messageId)).toMatchObject({ status: 'sent' });
    });

    it('a crash between the receiver accepting and our write resends with the same Idempotency-Key', async () => {
      const messageId = await replyTo('crash');
      await waitFor('reply sent', async () => (await statusOf(messageId)).status === 'sent');
      // The receiver has it, but our write never committed.
      await t.db.query(
        `UPDATE messages SET delivery_status = 'sending', provider_message_id = NULL WHERE id = $1`,
        [messageId],
      );
      await runJobAgain(messageId);
      const requests = requestsFor(messageId);
      expect(requests).toHaveLength(2);
      expect(requests.map((r) => r.headers['idempotency-key'])).toEqual([messageId, messageId]);
      expect((await statusOf(messageId)).status).toBe('sent');
    });

    const leaseOf = async (messageId: string) =>
      (
        (await t.db.query('SELECT sending_until AS until FROM messages WHERE id = $1', [
          messageId,
        ])) as { until: Date | null }[]
      )[0].until;
    const outboundQueue = () => t.app.get<Queue>(getQueueToken(QUEUES.outbound));
    /** The delayed look a worker leaves when it finds the send leased. */
    const lookAgainJob = async (messageId: string) =>
      (await outboundQueue().getDelayed()).find((j) => j.id?.startsWith(`${messageId}.lease.`));

    it('two deliveries of one reply at once send it once: the second waits for the lease', async () => {
      const release = callback.hold();
      let messageId = '';
      try {
        messageId = await replyTo('lease');
        await waitFor(
          'the first send reached the slow receiver',
          async () => requestsFor(messageId).length === 1,
        );
        // Another worker takes the job over while the first is still sending.
        await runJobAgain(messageId);
        expect(requestsFor(messageId)).toHaveLength(1);
        expect(await leaseOf(messageId)).not.toBeNull();
        const later = await lookAgainJob(messageId);
        expect(later?.data).toEqual({ messageId });
        await later?.remove();
      } finally {
        release();
      }
      await waitFor('reply sent', async () => (await statusOf(messageId)).status === 'sent');
      expect(await leaseOf(messageId)).toBeNull();
      // The delayed look, when it comes, finds the reply sent.
      await runJobAgain(messageId);
      expect(requestsFor(messageId)).toHaveLength(1);
    });

    it('a slow send keeps its lease: the sender renews it until the receiver answers', async () => {
      const job = t.app.get(OutboundDeliverJob);
      const release = callback.hold();
      job.leaseSeconds = 3;
      let messageId = '';
      try {
        messageId = await replyTo('renew');
        await waitFor(
          'the send reached the slow receiver',
          async () => requestsFor(messageId).length === 1,
        );
        const first = (await leaseOf(messageId))?.getTime() ?? 0;
        // Past the first lease's end, the reply is still its sender's.
        await waitFor(
          'the lease renewed beyond its first end',
          async () => ((await leaseOf(messageId))?.getTime() ?? 0) > first + 1000,
          10_000,
        );
        await runJobAgain(messageId);
        expect(requestsFor(messageId)).toHaveLength(1);
        await (await lookAgainJob(messageId))?.remove();
      } finally {
        release();
        job.leaseSeconds = 30;
      }
      await waitFor('reply sent', async () => (await statusOf(messageId)).status === 'sent');
      expect(await leaseOf(messageId)).toBeNull();
      expect(requestsFor(messageId)).toHaveLength(1);
    });

    it('a reply whose worker died while sending goes out again once its lease runs out', async () => {
      const messageId = await replyTo('lapsed');
      await waitFor('reply sent', async () => (await statusOf(messageId)).status === 'sent');
      // Claimed by a worker that died mid-send: its lease is still running.
      await t.db.query(
        `UPDATE messages SET delivery_status = 'sending', provider_message_id = NULL,
           sending_until = now() + interval '5 minutes' WHERE id = $1`,
        [messageId],
      );
      await runJobAgain(messageId);
      expect(requestsFor(messageId)).toHaveLength(1);
      await (await lookAgainJob(messageId))?.remove();
      await t.db.query(
        `UPDATE messages SET sending_until = now() - interval '1 second' WHERE id = $1`,
        [messageId],
      );
      await runJobAgain(messageId);
      const requests = requestsFor(messageId);
      expect(requests.map((r) => r.headers['idempotency-key'])).toEqual([messageId, messageId]);
      expect(await statusOf(messageId)).toMatchObject({ status: 'sent' });
    });
  });

  it('keeps an unparseable delivery as failed, and an admin retry processes it once fixed', async () => {
    let fileStatus = 500;
    const files: Server = createServer((_req, res) => {
      res.writeHead(fileStatus, { 'content-type': 'text/plain' });
      res.end(fileStatus === 200 ? 'file content' : 'down');
    });
    await new Promise<void>((r) => files.listen(0, '127.0.0.1', r));
    const fileUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}/a.txt`;
    try {
      const id = `att-${randomUUID()}`;
      await postApiMessage(t.url, channel, {
        id,
        contact: { email: 'files@example.test' },
        text: 'see file',
        attachments: [{ url: fileUrl, name: 'a.txt', contentType: 'text/plain' }],
      });
      const event = await waitFor('failed event', async () => {
        const rows: { id: string; status: string; last_error: string }[] = await t.db.query(
          'SELECT id, status, last_error FROM inbound_events WHERE provider_message_id = $1',
          [id],
        );
        return rows[0]?.status === 'failed' ? rows[0] : null;
      });
      expect(event.last_error).toContain('answered 500');

      const admin = as(
        t.url,
        (await login(t.url, await makeUser(t.db, { role: 'admin' }))).accessToken,
      );
      const failedList = await admin.get('/api/admin/inbound-events?status=failed');
      expect(failedList.body.map((e: { id: string }) => e.id)).toContain(event.id);
      expect((await annaApi.get('/api/admin/inbound-events')).status).toBe(403);

      fileStatus = 200;
      expect((await admin.post(`/api/admin/inbound-events/${event.id}/retry`)).status).toBe(202);
      await waitFor('processed', async () => {
        const rows = await t.db.query('SELECT status FROM inbound_events WHERE id = $1', [
          event.id,
        ]);
        return rows[0].status === 'processed';
      });
      const msgs = await t.db.query(
        `SELECT m.id, (SELECT count(*)::int FROM attachments a WHERE a.message_id = m.id) AS files FROM messages m WHERE provider_message_id = $1`,
        [id],
      );
      expect(msgs).toEqual([{ id: expect.any(String), files: 1 }]);
    } finally {
      await new Promise((r) => files.close(r));
    }
  });

  it('does not offer or use a channel that cannot reply (API channel without callback URL)', async () => {
    const mute = await makeChannel(
      t.db,
      'api',
      teamId,
      { secret: 'mute-secret-0123456789' },
      'Inbound only',
    );
    const email = `mute-${randomUUID().slice(0, 6)}@example.test`;
    await postApiMessage(t.url, mute, {
      id: `mute-${randomUUID()}`,
      contact: { email },
      text: 'no way back',
    });
    const id = await waitForConversationOf(t.db, email);
    const options = (await annaApi.get(`/api/conversations/${id}/reply-channels`)).body as {
      channel: { id: string };
    }[];
    expect(options.map((o) => o.channel.id)).not.toContain(mute.id);
    expect(options.map((o) => o.channel.id)).toContain(channel.id);
    const reply = await annaApi
      .post(`/api/conversations/${id}/messages`)
      .send({ type: 'reply', body: 'x', clientMessageId: randomUUID() });
    expect(reply.status).toBe(422);
    expect(reply.body.message).toBe(
      'The channel Inbound only cannot send replies: check its settings',
    );
    const stored = await t.db.query(
      `SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1 AND type = 'outbound'`,
      [id],
    );
    expect(stored[0].n).toBe(0);
  });

  it('lets exactly one of two agents claim a conversation at once', async () => {
    const email = `claim-${randomUUID().slice(0, 6)}@example.test`;
    await postApiMessage(t.url, channel, {
      id: `c-${randomUUID()}`,
      contact: { email },
      text: 'claim me',
    });
    const id = await waitForConversationOf(t.db, email);
    const ben = await makeUser(t.db, { teams: [teamId], name: 'Ben' });
    const benApi = as(t.url, (await login(t.url, ben)).accessToken);
    const results = await Promise.all([
      annaApi.post(`/api/conversations/${id}/claim`),
      benApi.post(`/api/conversations/${id}/claim`),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409);
    expect(loser?.body.message).toMatch(/^(Anna|Ben) already owns this conversation$/);
    const assigned = await t.db.query(
      `SELECT count(*)::int AS n FROM timeline_events WHERE conversation_id = $1 AND kind = 'conversation.assigned'`,
      [id],
    );
    expect(assigned[0].n).toBe(1);
  });

  it('hides conversations of other teams from agents (403) and lets them catch up with after=seq', async () => {
    const email = `scope-${randomUUID().slice(0, 6)}@example.test`;
    await postApiMessage(t.url, channel, {
      id: `s1-${randomUUID()}`,
      contact: { email },
      text: 'one',
    });
    const id = await waitForConversationOf(t.db, email);
    const outsider = await makeUser(t.db, { teams: [(await makeTeam(t.db)).id] });
    const outsiderApi = as(t.url, (await login(t.url, outsider)).accessToken);
    expect((await outsiderApi.get(`/api/conversations/${id}`)).status).toBe(403);
    expect((await outsiderApi.get(`/api/conversations/${id}/timeline`)).status).toBe(403);
    expect(
      (
        await outsiderApi
          .post(`/api/conversations/${id}/messages`)
          .send({ type: 'note', body: 'x', clientMessageId: randomUUID() })
      ).status,
    ).toBe(403);
    expect((await outsiderApi.get(`/api/conversations?view=all`)).status).toBe(403);

    // Nor may they join its realtime room.
    const outsiderSocket = await readyStaff(t.url, (await login(t.url, outsider)).accessToken);
    expect(
      await outsiderSocket.timeout(5000).emitWithAck('conversation.join', { conversationId: id }),
    ).toEqual({
      ok: false,
      error: 'forbidden',
    });
    const annaSocket = await readyStaff(t.url, annaToken);
    expect(
      await annaSocket.timeout(5000).emitWithAck('conversation.join', { conversationId: id }),
    ).toMatchObject({ ok: true });
    outsiderSocket.disconnect();
    annaSocket.disconnect();

    const first = (await annaApi.get(`/api/conversations/${id}/timeline`)).body as TimelineDto;
    await postApiMessage(t.url, channel, {
      id: `s2-${randomUUID()}`,
      contact: { email },
      text: 'two',
    });
    await waitFor('second', async () => (await messagesOf(id)).length === 2);
    const rest = (await annaApi.get(`/api/conversations/${id}/timeline?after=${first.lastSeq}`))
      .body as TimelineDto;
    expect(rest.entries.map((e) => (e.type === 'message' ? e.message.text : e.event.kind))).toEqual(
      ['two'],
    );
    expect(rest.entries.every((e) => e.seq > first.lastSeq)).toBe(true);
  });

  it('opens a long thread at its end with before=seq, and pages back through older entries', async () => {
    const email = `long-${randomUUID().slice(0, 6)}@example.test`;
    for (const n of [1, 2, 3, 4, 5]) {
      await postApiMessage(t.url, channel, {
        id: `l${n}-${randomUUID()}`,
        contact: { email },
        text: `m${n}`,
      });
      if (n === 1) await waitForConversationOf(t.db, email);
    }
    const id = await waitForConversationOf(t.db, email);
    await waitFor('five messages', async () => (await messagesOf(id)).length === 5);
    const all = (await annaApi.get(`/api/conversations/${id}/timeline`)).body as TimelineDto;
    const seqs = all.entries.map((e) => e.seq);
    const label = (d: TimelineDto) =>
      d.entries.map((e) => (e.type === 'message' ? e.message.text : e.event.kind));

    // The newest two, oldest first; older ones exist.
    const newest = (
      await annaApi.get(`/api/conversations/${id}/timeline?before=${all.lastSeq + 1}&limit=2`)
    ).body as TimelineDto;
    expect(label(newest)).toEqual(label(all).slice(-2));
    expect(newest).toMatchObject({ lastSeq: all.lastSeq, hasMore: true });
    // Back from the first seq seen, until the beginning.
    const older = (
      await annaApi.get(
        `/api/conversations/${id}/timeline?before=${newest.entries[0]!.seq}&limit=500`,
      )
    ).body as TimelineDto;
    expect([...older.entries, ...newest.entries].map((e) => e.seq)).toEqual(seqs);
    expect(older.hasMore).toBe(false);

    const both = await annaApi.get(`/api/conversations/${id}/timeline?after=1&before=3`);
    expect(both.status).toBe(400);
    expect(JSON.stringify(both.body)).toContain('cannot be combined with after');
  });
});
