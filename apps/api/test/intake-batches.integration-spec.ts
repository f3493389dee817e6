import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUES } from '../src/core/queue/queue.constants';
import type { Channel } from '../src/modules/channels/channel.entity';
import { INTAKE_BATCH_SIZE } from '../src/modules/inbound/inbound-drain.service';
import { makeChannel, postApiMessage } from './helpers/channels';
import { drainQueues } from './helpers/drain-queues';
import { makeTeam } from './helpers/factories';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

describe('inbound batches', () => {
  let t: TestApp;
  let channel: Channel;

  beforeAll(async () => {
    t = await startTestApp();
    const team = await makeTeam(t.db);
    channel = await makeChannel(t.db, 'api', team.id, { secret: 's'.repeat(24) });
  });
  afterAll(() => t.close());

  const inboundQueue = () => t.app.get<Queue>(getQueueToken(QUEUES.inbound));
  const eventsOf = (tag: string) =>
    t.db.query(
      `SELECT e.provider_message_id AS id, e.status, e.attempts, e.last_error AS error
         FROM inbound_events e WHERE e.channel_id = $1 AND e.provider_message_id LIKE $2
        ORDER BY e.provider_message_id`,
      [channel.id, `${tag}-%`],
    ) as Promise<{ id: string; status: string; attempts: number; error: string | null }[]>;
  const storedOf = async (tag: string) =>
    (
      await t.db.query(
        `SELECT count(*)::int AS n FROM messages WHERE channel_id = $1 AND provider_message_id LIKE $2`,
        [channel.id, `${tag}-%`],
      )
    )[0].n as number;

  it('a burst from many senders is stored in batches, each event claimed once, no job per delivery', async () => {
    const tag = `burst-${randomUUID().slice(0, 6)}`;
    const count = INTAKE_BATCH_SIZE * 3;
    const senders = 25;
    const before = await inboundQueue().getJobCounts('completed', 'failed', 'wait', 'delayed');
    const answers = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        postApiMessage(t.url, channel, {
          id: `${tag}-${String(i).padStart(4, '0')}`,
          contact: { email: `${tag}-${i % senders}@example.test` },
          text: `Nachricht ${i}`,
        }),
      ),
    );
    expect(answers.map((a) => a.status).filter((s) => s !== 202)).toEqual([]);
    await waitFor('every message stored', async () => (await storedOf(tag)) === count, 20_000);
    await drainQueues(t);

    const events = await eventsOf(tag);
    expect(events).toHaveLength(count);
    expect(events.filter((e) => e.status !== 'processed' || e.attempts !== 1)).toEqual([]);
    expect(await inboundQueue().getJobCounts('completed', 'failed', 'wait', 'delayed')).toEqual(
      before,
    );
    // One conversation per sender, each message with a place of its own in it.
    const threads: { n: number; seqs: number }[] = await t.db.query(
      `SELECT count(*)::int AS n, count(DISTINCT m.seq)::int AS seqs
         FROM messages m WHERE m.channel_id = $1 AND m.provider_message_id LIKE $2
        GROUP BY m.conversation_id`,
      [channel.id, `${tag}-%`],
    );
    expect(threads).toHaveLength(senders);
    expect(threads.filter((th) => th.seqs !== th.n)).toEqual([]);
  });

  it('takes an event nobody woke it for (the wake went missing) within a look', async () => {
    const tag = `quiet-${randomUUID().slice(0, 6)}`;
    // Stored the way intake stores it, but without the wake (as when Redis is away).
    await t.db.query(
      `INSERT INTO inbound_events (channel_id, provider_message_id, payload) VALUES ($1, $2, $3)`,
      [
        channel.id,
        `${tag}-1`,
        JSON.stringify({
          id: `${tag}-1`,
          contact: { email: `${tag}@example.test` },
          text: 'Niemand hat geklingelt',
        }),
      ],
    );
    await waitFor('the quiet event stored', async () => (await storedOf(tag)) === 1, 5000);
    expect(await eventsOf(tag)).toEqual([
      { id: `${tag}-1`, status: 'processed', attempts: 1, error: null },
    ]);
  });

  it('one message that cannot be stored sends its batch one by one: the others are stored, it ends failed', async () => {
    const tag = `poison-${randomUUID().slice(0, 6)}`;
    await t.db.query(`
      CREATE OR REPLACE FUNCTION refuse_poison() RETURNS trigger AS $$
      BEGIN
        IF NEW.text = 'poison' THEN RAISE EXCEPTION 'this message cannot be stored'; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql;
      CREATE TRIGGER refuse_poison BEFORE INSERT ON messages
        FOR EACH ROW EXECUTE FUNCTION refuse_poison();`);
    try {
      const count = 20;
      await Promise.all(
        Array.from({ length: count }, (_, i) =>
          postApiMessage(t.url, channel, {
            id: `${tag}-${String(i).padStart(2, '0')}`,
            contact: { email: `${tag}-${i % 4}@example.test` },
            text: i === 7 ? 'poison' : `ok ${i}`,
          }),
        ),
      );
      await waitFor(
        'the others stored and the bad one failed',
        async () => {
          const events = await eventsOf(tag);
          return (
            events.length === count &&
            events.every((e) => e.status !== 'pending') &&
            (await storedOf(tag)) === count - 1
          );
        },
        20_000,
      );
      const events = await eventsOf(tag);
      expect(events.filter((e) => e.status === 'failed')).toEqual([
        {
          id: `${tag}-07`,
          status: 'failed',
          attempts: expect.any(Number),
          error: expect.stringContaining('this message cannot be stored'),
        },
      ]);
      expect(events.filter((e) => e.status === 'processed')).toHaveLength(count - 1);
    } finally {
      await t.db.query(`DROP TRIGGER refuse_poison ON messages; DROP FUNCTION refuse_poison();`);
    }
  });

  it('a backlog does not stand between a customer writing now and the agent: live events go first', async () => {
    const tag = `backlog-${randomUUID().slice(0, 6)}`;
    const backlog = 3000;
    // An outage's worth of deliveries, stored ten minutes ago and never taken.
    await t.db.query(
      `INSERT INTO inbound_events (channel_id, provider_message_id, payload, created_at)
       SELECT $1, $2 || '-' || lpad(n::text, 5, '0'),
              jsonb_build_object('id', $2 || '-' || lpad(n::text, 5, '0'), 'text', 'alt ' || n,
                                 'contact', jsonb_build_object('email', $2 || '-' || (n % 50) || '@example.test')),
              now() - interval '10 minutes' + n * interval '1 ms'
         FROM generate_series(1, $3) AS n`,
      [channel.id, tag, backlog],
    );
    const live = `${tag}-live`;
    expect(
      (
        await postApiMessage(t.url, channel, {
          id: live,
          contact: { email: `${tag}-now@example.test` },
          text: 'Jetzt',
        })
      ).status,
    ).toBe(202);
    await waitFor(
      'the live message stored',
      async () =>
        (
          await t.db.query(
            'SELECT 1 FROM messages WHERE channel_id = $1 AND provider_message_id = $2',
            [channel.id, live],
          )
        ).length === 1,
      10_000,
    );
    const [{ waiting }]: { waiting: number }[] = await t.db.query(
      `SELECT count(*)::int AS waiting FROM inbound_events
        WHERE channel_id = $1 AND provider_message_id LIKE $2 AND status = 'pending'`,
      [channel.id, `${tag}-0%`],
    );
    // Most of the backlog was still waiting when the live message was in.
    expect(waiting).toBeGreaterThan(backlog / 2);
    await waitFor('the backlog stored', async () => (await storedOf(tag)) === backlog + 1, 60_000);
    await drainQueues(t);
    expect((await eventsOf(tag)).filter((e) => e.status !== 'processed')).toEqual([]);
  });
});

describe('inbound batches of email', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('an answer to an email of the same batch joins its conversation, as one by one', async () => {
    const tag = randomUUID().slice(0, 8);
    const team = await makeTeam(t.db);
    const address = `support-${tag}@batch.test`;
    const channel = await makeChannel(t.db, 'email', team.id, {
      address,
      smtp: { host: '127.0.0.1', port: 2525, secure: false },
    });
    const mail = (from: string, id: string, extra: string, text: string) =>
      Buffer.from(
        [
          `From: ${from}`,
          `To: ${address}`,
          'Subject: Lieferung',
          `Message-ID: <${id}>`,
          extra,
          'Content-Type: text/plain; charset=utf-8',
          '',
          text,
          '',
        ]
          .filter((line) => line !== null)
          .join('\r\n'),
      );
    const first = `first-${tag}@example.test`;
    const answer = `answer-${tag}@example.test`;
    // Stored a while ago and never taken: the backlog lane takes both in one batch, in this order.
    await t.db.query(
      `INSERT INTO inbound_events (channel_id, provider_message_id, payload, raw, created_at)
       VALUES ($1, $2, $3, $4, now() - interval '10 minutes'),
              ($1, $5, $6, $7, now() - interval '10 minutes' + interval '1 ms')`,
      [
        channel.id,
        `<${first}>`,
        JSON.stringify({ envelope: { from: `kunde-${tag}@example.test`, to: [address] } }),
        mail(`kunde-${tag}@example.test`, first, 'X-Tag: first', 'Wo ist mein Paket?'),
        `<${answer}>`,
        JSON.stringify({ envelope: { from: `kollege-${tag}@example.test`, to: [address] } }),
        mail(`kollege-${tag}@example.test`, answer, `In-Reply-To: <${first}>`, 'Ich frage auch.'),
      ],
    );
    const rows = await waitFor(
      'both emails stored',
      async () => {
        const found: { conversation_id: string; claims: number }[] = await t.db.query(
          `SELECT m.conversation_id, e.attempts AS claims FROM messages m
             JOIN inbound_events e ON e.channel_id = m.channel_id
                                  AND e.provider_message_id = m.provider_message_id
            WHERE m.channel_id = $1`,
          [channel.id],
        );
        return found.length === 2 && found;
      },
      10_000,
    );
    expect(new Set(rows.map((r) => r.conversation_id)).size).toBe(1);
    // Both went through the batches (no retry one by one).
    expect(rows.map((r) => r.claims)).toEqual([1, 1]);
  });
});
