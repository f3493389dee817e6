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

  const schedulerNames = async (queue: string) =>
    (await t.app.get<Queue>(getQueueToken(queue)).getJobSchedulers()).map((s) => s.name);

  it('gets its schedules back from the running worker, and the sweeper then processes pending intake', async () => {
    const channel = await makeChannel(t.db, 'api', (await makeTeam(t.db, 'Service')).id, {
      secret: 'api-channel-secret-0123456789',
    });
    expect(await schedulerNames(QUEUES.maintenance)).toContain(JOBS.sweepInbound);

    expect(await emptyRedisPrefix(t.config.redis.url, t.config.redis.prefix)).toBeGreaterThan(0);
    expect(await schedulerNames(QUEUES.maintenance)).toEqual([]);

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
      'schedules registered again',
      async () => {
        const maintenance = await schedulerNames(QUEUES.maintenance);
        const assignment = await schedulerNames(QUEUES.assignment);
        return (
          [JOBS.purgeRefreshTokens, JOBS.sweepInbound, JOBS.sweepOutbound].every((n) =>
            maintenance.includes(n),
          ) && assignment.includes(JOBS.sweepAssignment)
        );
      },
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
