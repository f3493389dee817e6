import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { JOBS, QUEUES } from '../src/core/queue/queue.constants';
import { makeChannel } from './helpers/channels';
import { makeTeam } from './helpers/factories';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

/** Deletes every key of one installation's prefix, as a Redis that restarted empty would have none. */
async function emptyRedisPrefix(url: string, prefix: string): Promise<number> {
  const redis = new IORedis(url);
  try {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
    return deleted;
  } finally {
    redis.disconnect();
  }
}

describe('a Redis that comes back empty', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ QUEUE_SCHEDULE_REFRESH_MS: '500' });
  });
  afterAll(() => t.close());

  /** Every recurring job's schedule, as `queue/name`. */
  const schedules = async () => {
    const names: string[] = [];
    for (const queue of Object.values(QUEUES))
      for (const s of await t.app.get<Queue>(getQueueToken(queue)).getJobSchedulers())
        names.push(`${queue}/${s.name}`);
    return names.sort();
  };

  it('gets its schedules back from the running worker, and the sweeper then processes pending intake', async () => {
    const channel = await makeChannel(t.db, 'api', (await makeTeam(t.db, 'Service')).id, {
      secret: 'api-channel-secret-0123456789',
    });
    const registered = await schedules();
    expect(registered).toEqual(
      expect.arrayContaining([
        `${QUEUES.maintenance}/${JOBS.sweepInbound}`,
        `${QUEUES.maintenance}/${JOBS.sweepSnoozed}`,
        `${QUEUES.assignment}/${JOBS.sweepAssignment}`,
      ]),
    );

    // Every key of the prefix is gone (schedules included). Not read back as "no schedules": the
    // worker's refresh every 500 ms may already have put some back, which is what this test wants.
    expect(await emptyRedisPrefix(t.config.redis.url, t.config.redis.prefix)).toBeGreaterThan(0);

    // Acknowledged before Redis lost its job: only PostgreSQL still knows it.
    const body = {
      id: `m-${randomUUID()}`,
      contact: { email: 'lost@example.test' },
      text: 'hallo',
    };
    const [{ id: eventId }]: { id: string }[] = await t.db.query(
      `INSERT INTO inbound_events (channel_id, provider_message_id, payload, created_at)
       VALUES ($1, $2, $3, now() - interval '2 minutes') RETURNING id`,
      [channel.id, body.id, JSON.stringify(body)],
    );

    await waitFor(
      'every schedule registered again',
      async () => JSON.stringify(await schedules()) === JSON.stringify(registered),
      60_000,
    );
    await waitFor(
      'the pending event processed by the sweeper',
      async () => {
        const [row]: { status: string }[] = await t.db.query(
          'SELECT status FROM inbound_events WHERE id = $1',
          [eventId],
        );
        return row?.status === 'processed';
      },
      60_000,
    );
    const messages = await t.db.query('SELECT id FROM messages WHERE provider_message_id = $1', [
      body.id,
    ]);
    expect(messages).toHaveLength(1);
  }, 90_000);
});
