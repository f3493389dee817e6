import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { WebhookDeliveryDto, WebhookPayload, WebhookWithSecretDto } from '@touchpoint/shared';
import type { Queue } from 'bullmq';
import { DomainEvents } from '../src/core/events/domain-events';
import { QUEUES } from '../src/core/queue/queue.constants';
import type { Channel } from '../src/modules/channels/channel.entity';
import { WebhookDeliverJob } from '../src/modules/integrations/webhooks/webhook-deliver.job';
import { WebhookSubscriptionsCache } from '../src/modules/integrations/webhooks/webhook-subscriptions.cache';
import { WebhookSweepJob } from '../src/modules/integrations/webhooks/webhook-sweep.job';
import { CallbackServer, type ReceivedCall } from './helpers/callback-server';
import { makeChannel, postApiMessage } from './helpers/channels';
import { waitForConversationOf } from './helpers/conversations';
import { drainQueues } from './helpers/drain-queues';
import { makeTeam, makeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

type Api = ReturnType<typeof as>;

interface DeliveryRow {
  id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  last_status_code: number | null;
  outbox_event_id: string;
  event_type: string;
}

/**
 * Verifies a request as a receiver would, from the Standard Webhooks specification (not from the
 * sender's code): HMAC-SHA256 keyed with the secret's base64 key over `id.timestamp.body`.
 */
function verifies(secret: string, call: ReceivedCall): boolean {
  const id = call.headers['webhook-id'] as string;
  const timestamp = call.headers['webhook-timestamp'] as string;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${call.raw}`).digest();
  return String(call.headers['webhook-signature'])
    .split(' ')
    .some((sig) => {
      const [version, value] = sig.split(',');
      const given = Buffer.from(value ?? '', 'base64');
      return (
        version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected)
      );
    });
}

describe('outgoing webhooks', () => {
  let t: TestApp;
  let admin: Api;
  let agent: Api;
  let channel: Channel;
  let receiver: CallbackServer;
  let deliverJob: WebhookDeliverJob;

  beforeAll(async () => {
    t = await startTestApp();
    const teamId = (await makeTeam(t.db, 'Service')).id;
    channel = await makeChannel(t.db, 'api', teamId, { secret: 'webhooks-api-secret-0123456789' });
    admin = as(t.url, (await login(t.url, await makeUser(t.db, { role: 'admin' }))).accessToken);
    agent = as(t.url, (await login(t.url, await makeUser(t.db, { teams: [teamId] }))).accessToken);
    receiver = await new CallbackServer().start();
    deliverJob = t.app.get(WebhookDeliverJob);
  });
  afterAll(async () => {
    await receiver.stop();
    await t.close();
  });
  beforeEach(async () => {
    receiver.status = 200;
    receiver.nextStatuses.length = 0;
    deliverJob.retryDelaysMs = [50, 50, 50, 50, 50];
    // One webhook at a time: the previous test's must not receive this one's events.
    await t.db.query('DELETE FROM webhook_subscriptions');
  });

  const createWebhook = async (body: Record<string, unknown>): Promise<WebhookWithSecretDto> => {
    const res = await admin.post('/api/webhooks').send(body);
    expect(res.status).toBe(201);
    return res.body as WebhookWithSecretDto;
  };
  /** A customer writes in: a conversation is opened and a message stored. */
  const customerWrites = async (text = 'Hallo, wo bleibt meine Bestellung?') => {
    const email = `kunde-${randomUUID().slice(0, 8)}@example.test`;
    const res = await postApiMessage(t.url, channel, {
      id: randomUUID(),
      contact: { email },
      text,
    });
    expect(res.status).toBeLessThan(300);
    const conversationId = await waitForConversationOf(t.db, email);
    await drainQueues(t);
    return conversationId;
  };
  const deliveriesOf = (webhookId: string): Promise<DeliveryRow[]> =>
    t.db.query(
      `SELECT id, status, attempts, last_error, last_status_code, outbox_event_id, event_type
       FROM webhook_deliveries WHERE subscription_id = $1 ORDER BY created_at`,
      [webhookId],
    );
  const callsFor = (deliveryId: string) =>
    receiver.requests.filter((r) => r.headers['webhook-id'] === deliveryId);

  it('signs each request so that the receiver can verify it, with the event in a header', async () => {
    const hook = await createWebhook({
      url: receiver.url,
      events: ['conversation.created', 'message.created'],
    });
    expect(hook.secret).toMatch(/^whsec_/);
    // The secret is shown once: never in the list or the webhook itself.
    expect(JSON.stringify((await admin.get('/api/webhooks')).body)).not.toContain(hook.secret);
    expect(JSON.stringify((await admin.get(`/api/webhooks/${hook.id}`)).body)).not.toContain(
      hook.secret,
    );

    const conversationId = await customerWrites('Mein Paket ist nicht angekommen.');
    const deliveries = await waitFor('two delivered deliveries', async () => {
      const rows = await deliveriesOf(hook.id);
      return rows.length === 2 && rows.every((r) => r.status === 'delivered') && rows;
    });
    expect(deliveries.map((d) => d.event_type).sort()).toEqual([
      'conversation.created',
      'message.created',
    ]);
    for (const d of deliveries) {
      const [call] = callsFor(d.id);
      expect(verifies(hook.secret, call)).toBe(true);
      expect(verifies('whsec_' + Buffer.from('another key').toString('base64'), call)).toBe(false);
      expect(call.headers['x-touchpoint-event']).toBe(d.event_type);
      expect(Math.abs(Number(call.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(
        60,
      );
    }
    const message = callsFor(deliveries.find((d) => d.event_type === 'message.created')!.id)[0]
      .body as WebhookPayload<{ conversationId: string; message: { text: string; type: string } }>;
    expect(message).toMatchObject({
      type: 'message.created',
      data: {
        conversationId,
        message: { type: 'inbound', text: 'Mein Paket ist nicht angekommen.' },
      },
    });

    // After a rotation the old secret no longer verifies.
    const rotated = (await admin.post(`/api/webhooks/${hook.id}/rotate-secret`))
      .body as WebhookWithSecretDto;
    expect(rotated.secret).not.toBe(hook.secret);
    await customerWrites();
    const latest = await waitFor('the next delivery', async () => {
      const rows = await deliveriesOf(hook.id);
      return rows.length === 4 && rows.every((r) => r.status === 'delivered') && rows[3];
    });
    const [call] = callsFor(latest.id);
    expect(verifies(rotated.secret, call)).toBe(true);
    expect(verifies(hook.secret, call)).toBe(false);
  });

  it('sends internal notes only to webhooks that opt in', async () => {
    const plain = await createWebhook({ url: receiver.url, events: ['message.created'] });
    const withNotes = await createWebhook({
      url: receiver.url,
      events: ['message.created'],
      includeNotes: true,
    });
    const conversationId = await customerWrites();
    const res = await admin
      .post(`/api/conversations/${conversationId}/messages`)
      .send({ type: 'note', body: 'Intern: Kunde ist VIP', clientMessageId: randomUUID() });
    expect(res.status).toBe(201);
    await drainQueues(t);
    expect((await deliveriesOf(plain.id)).length).toBe(1);
    const notes = await deliveriesOf(withNotes.id);
    expect(notes.length).toBe(2);
    const [{ payload }]: {
      payload: WebhookPayload<{ message: { type: string; text: string } }>;
    }[] = await t.db.query('SELECT payload FROM webhook_deliveries WHERE id = $1', [notes[1].id]);
    expect(payload.data.message).toMatchObject({ type: 'note', text: 'Intern: Kunde ist VIP' });
  });

  it('sends handoffs, conversation changes and contact changes with a snapshot of each', async () => {
    const hook = await createWebhook({ url: receiver.url, events: ['*'] });
    const conversationId = await customerWrites();
    const salesId = (await makeTeam(t.db, 'Sales')).id;
    expect((await admin.post(`/api/conversations/${conversationId}/claim`)).status).toBe(200);
    const consult = await admin
      .post(`/api/conversations/${conversationId}/handoffs`)
      .send({ kind: 'consult', teamId: salesId, note: 'Bitte ein Angebot' });
    expect(consult.status).toBe(201);
    const [{ contactId }]: { contactId: string }[] = await t.db.query(
      'SELECT contact_id AS "contactId" FROM conversations WHERE id = $1',
      [conversationId],
    );
    expect(
      (await admin.patch(`/api/contacts/${contactId}`).send({ name: 'Erika Muster' })).status,
    ).toBe(200);
    await drainQueues(t);

    const bodies = async () => {
      const rows: { payload: WebhookPayload }[] = await t.db.query(
        `SELECT payload FROM webhook_deliveries WHERE subscription_id = $1 AND status = 'delivered'`,
        [hook.id],
      );
      return rows.map((r) => r.payload);
    };
    const sent = await waitFor('the handoff and the contact change delivered', async () => {
      const all = await bodies();
      const types = new Set(all.map((p) => p.type));
      return types.has('handoff.created') && types.has('contact.updated') && all;
    });
    expect(sent.find((p) => p.type === 'handoff.created')?.data).toMatchObject({
      conversationId,
      handoff: { kind: 'consult', status: 'requested', teamId: salesId, note: 'Bitte ein Angebot' },
    });
    expect(sent.find((p) => p.type === 'contact.updated')?.data).toMatchObject({
      contactId,
      contact: { id: contactId, name: 'Erika Muster' },
    });
    expect(sent.find((p) => p.type === 'conversation.updated')?.data).toMatchObject({
      conversationId,
      conversation: { id: conversationId, status: 'open' },
    });
  });

  it('retries a failing receiver with the same webhook-id until it answers 2xx', async () => {
    const hook = await createWebhook({ url: receiver.url, events: ['conversation.created'] });
    receiver.nextStatuses.push(500, 503);
    await customerWrites();
    const [delivery] = await waitFor('the delivery delivered', async () => {
      const rows = await deliveriesOf(hook.id);

      return rows[0]?.status === 'delivered' && rows;
    });
    expect(delivery.attempts).toBe(3);
    expect(delivery.last_status_code).toBe(200);
    const calls = callsFor(delivery.id);
    expect(calls.map((c) => c.status)).toEqual([500, 503, 200]);
    // The same body every time, each request signed afresh.
    expect(new Set(calls.map((c) => c.raw)).size).toBe(1);
    for (const c of calls) expect(verifies(hook.secret as string, c)).toBe(true);
  });

  it('gives up after the schedule, and a redelivery sends the same delivery again', async () => {
    const hook = await createWebhook({ url: receiver.url, events: ['conversation.created'] });
    deliverJob.retryDelaysMs = [50, 50];
    receiver.status = 500;
    await customerWrites();
    const [failed] = await waitFor('the delivery failed', async () => {
      const rows = await deliveriesOf(hook.id);
      return rows[0]?.status === 'failed' && rows;
    });
    expect(failed).toMatchObject({ attempts: 3, last_status_code: 500 });
    expect(failed.last_error).toContain('500');

    const log = (await admin.get(`/api/webhooks/${hook.id}/deliveries`))
      .body as WebhookDeliveryDto[];
    expect(log).toEqual([
      expect.objectContaining({
        id: failed.id,
        status: 'failed',
        attempts: 3,
        lastStatusCode: 500,
      }),
    ]);

    receiver.status = 200;
    const res = await admin.post(`/api/webhooks/deliveries/${failed.id}/redeliver`);
    expect(res.status).toBe(200);
    await waitFor('the redelivery delivered', async () => {
      const [row] = await deliveriesOf(hook.id);
      return row.status === 'delivered' && row;
    });
    const calls = callsFor(failed.id);
    expect(calls.map((c) => c.status)).toEqual([500, 500, 500, 200]);
    expect(new Set(calls.map((c) => c.headers['webhook-id'])).size).toBe(1);
    expect((await agent.post(`/api/webhooks/deliveries/${failed.id}/redeliver`)).status).toBe(403);
  });

  it('creates no second delivery when the outbox relays the same event again', async () => {
    const hook = await createWebhook({ url: receiver.url, events: ['conversation.created'] });
    await customerWrites();
    const [delivery] = await waitFor('the delivery', async () => {
      const rows = await deliveriesOf(hook.id);
      return rows[0]?.status === 'delivered' && rows;
    });
    // As if the process had died before marking the event relayed: the sweeper relays it again.
    await t.db.query(
      `UPDATE outbox_events SET relayed_at = NULL, created_at = now() - interval '1 minute'
       WHERE id = $1`,
      [delivery.outbox_event_id],
    );
    expect(await t.app.get(DomainEvents).relayPending(0)).toBeGreaterThanOrEqual(1);
    await drainQueues(t);
    const after = await deliveriesOf(hook.id);
    expect(after.map((d) => d.id)).toEqual([delivery.id]);
    expect(callsFor(delivery.id)).toHaveLength(1);
  });

  it('still delivers when Redis lost the job: the sweep enqueues it again from PostgreSQL', async () => {
    const hook = await createWebhook({ url: receiver.url, events: ['conversation.created'] });
    deliverJob.retryDelaysMs = [60 * 60_000];
    receiver.nextStatuses.push(503);
    await customerWrites();
    const [waiting] = await waitFor('the first attempt failed', async () => {
      const rows = await deliveriesOf(hook.id);
      return rows[0]?.attempts === 1 && rows;
    });
    expect(waiting.status).toBe('pending');
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.webhooks));
    const job = await queue.getJob(waiting.id);
    expect(await job?.getState()).toBe('delayed');
    await job?.remove();
    expect(await queue.getJob(waiting.id)).toBeUndefined();
    // Its moment has come, but Redis no longer knows it.
    await t.db.query(
      `UPDATE webhook_deliveries SET next_attempt_at = now() - interval '1 minute' WHERE id = $1`,
      [waiting.id],
    );
    expect(await t.app.get(WebhookSweepJob).sweep(0)).toBe(1);
    const [delivered] = await waitFor('the delivery delivered', async () => {
      const rows = await deliveriesOf(hook.id);
      return rows[0]?.status === 'delivered' && rows;
    });
    expect(delivered.attempts).toBe(2);
    expect(callsFor(waiting.id).map((c) => c.status)).toEqual([503, 200]);
    // A sweep now finds nothing to do.
    expect(await t.app.get(WebhookSweepJob).sweep(0)).toBe(0);
  });

  it('logs a refused internal address as failed with the reason, without retrying it', async () => {
    const hook = await createWebhook({
      url: 'http://169.254.169.254/latest/meta-data',
      events: ['conversation.created'],
    });
    await customerWrites();
    const [failed] = await waitFor('the delivery failed', async () => {
      const rows = await deliveriesOf(hook.id);
      return rows[0]?.status === 'failed' && rows;
    });
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toMatch(/link-local|metadata|OUTBOUND_ALLOW_HOSTS/);
    await drainQueues(t);
    // Nothing waits to try it again.
    const job = await t.app.get<Queue>(getQueueToken(QUEUES.webhooks)).getJob(failed.id);
    expect(await job?.getState()).toBe('completed');
    expect((await deliveriesOf(hook.id))[0]).toMatchObject({ status: 'failed', attempts: 1 });
    expect(await t.app.get(WebhookSweepJob).sweep(0)).toBe(0);
  });

  it('keeps the delivery log bounded: delivered rows go after 30 days, failed ones after 90', async () => {
    const hook = await createWebhook({ url: receiver.url, events: ['conversation.created'] });
    const insert = async (status: string, days: number): Promise<string> => {
      const [{ id }]: { id: string }[] = await t.db.query(
        `INSERT INTO webhook_deliveries (subscription_id, event_type, payload, status, created_at)
         VALUES ($1, 'conversation.created', '{}', $2, now() - make_interval(days => $3)) RETURNING id`,
        [hook.id, status, days],
      );
      return id;
    };
    const kept = [
      await insert('delivered', 29),
      await insert('failed', 60),
      await insert('pending', 200),
    ];
    const gone = [await insert('delivered', 31), await insert('failed', 91)];
    expect(await t.app.get(WebhookSweepJob).purge()).toBe(2);
    const left = (await deliveriesOf(hook.id)).map((d) => d.id).sort();
    expect(left).toEqual([...kept].sort());
    expect(left).not.toContain(gone[0]);
  });

  it('tells the other processes at once when a webhook is added, so none misses events', async () => {
    const other = await startTestApp(
      { REDIS_PREFIX: t.config.redis.prefix },
      t.config.database.url,
    );
    try {
      const cache = other.app.get(WebhookSubscriptionsCache);
      // The other process holds a copy without the new webhook, good for seconds.
      expect(await cache.active()).toEqual([]);
      const hook = await createWebhook({ url: receiver.url, events: ['*'] });
      await waitFor(
        'the other process to see the new webhook',
        async () => (await cache.active()).some((s) => s.id === hook.id),
        // Well below the copy's own lifetime (5 s): the change nudged it.
        2000,
      );
    } finally {
      await other.close();
    }
  });

  it('is for admins, and says which field is wrong', async () => {
    expect((await agent.get('/api/webhooks')).status).toBe(403);
    expect(
      (await agent.post('/api/webhooks').send({ url: receiver.url, events: ['*'] })).status,
    ).toBe(403);
    const badUrl = await admin
      .post('/api/webhooks')
      .send({ url: 'ftp://example.test/x', events: ['*'] });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.message).toContain('url');
    const badEvent = await admin
      .post('/api/webhooks')
      .send({ url: 'https://example.test/hook', events: ['conversation.deleted'] });
    expect(badEvent.status).toBe(400);
    expect(badEvent.body.message).toContain('events');

    const hook = await createWebhook({
      url: 'https://example.test/hook',
      events: ['*'],
      description: 'CRM',
    });
    expect(hook).toMatchObject({ events: ['*'], includeNotes: false, active: true });
    const patched = await admin.patch(`/api/webhooks/${hook.id}`).send({ active: false });
    expect(patched.body).toMatchObject({ active: false, description: 'CRM' });
    // A switched-off webhook receives nothing.
    await customerWrites();
    expect(await deliveriesOf(hook.id)).toEqual([]);
    expect((await admin.delete(`/api/webhooks/${hook.id}`)).status).toBe(204);
    expect((await admin.get(`/api/webhooks/${hook.id}`)).status).toBe(404);
  });
});
