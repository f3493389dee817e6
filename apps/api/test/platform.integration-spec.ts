import request from 'supertest';
import { JOBS, QUEUE_ATTEMPTS, QUEUES } from '../src/core/queue/queue.constants';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue, Worker } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { ensureJob } from '../src/core/queue/ensure-job';
import { RedisConnectionFactory } from '../src/core/redis/redis-connection.factory';
import { makeUser } from './helpers/factories';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

describe('platform', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reports database and Redis health', async () => {
    const res = await request(t.url).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('answers unknown routes and broken JSON in the error format, with a request id', async () => {
    const missing = await request(t.url).get('/api/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Cannot GET /api/nothing-here',
    });

    const broken = await request(t.url)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email":');
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(broken.body).not.toHaveProperty('stack');
    expect(missing.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    const traced = await request(t.url).get('/api/health').set('X-Request-Id', 'trace-123');
    expect(traced.headers['x-request-id']).toBe('trace-123');
  });

  it('serves the OpenAPI document with the auth and admin routes', async () => {
    const res = await request(t.url).get('/api/docs/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/auth/refresh',
        '/api/me',
        '/api/users',
        '/api/teams/{id}/members',
      ]),
    );
    const login =
      res.body.paths['/api/auth/login'].post.requestBody.content['application/json'].schema;
    expect(login).toEqual({ $ref: '#/components/schemas/LoginDto' });
    expect(res.body.components.schemas.LoginDto.required).toEqual(['email', 'password']);
  });

  it('sets security headers', async () => {
    const res = await request(t.url).get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers).not.toHaveProperty('x-powered-by');
  });

  it('runs maintenance jobs through the real queue: expired refresh tokens and links long ended are purged', async () => {
    const user = await makeUser(t.db);
    await t.db.query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
       VALUES ($1, gen_random_uuid(), repeat('a', 64), now() - interval '3 days'),
              ($1, gen_random_uuid(), repeat('b', 64), now() + interval '3 days')`,
      [user.id],
    );
    // Used or expired 40 days ago: gone. Used 2 days ago (a late click still hears "used"), open: kept.
    await t.db.query(
      `INSERT INTO user_tokens (user_id, purpose, token_hash, expires_at, used_at)
       VALUES ($1, 'invite', repeat('1', 64), now() - interval '33 days', now() - interval '40 days'),
              ($1, 'password_reset', repeat('2', 64), now() - interval '40 days', NULL),
              ($1, 'invite', repeat('3', 64), now() + interval '5 days', now() - interval '2 days'),
              ($1, 'invite', repeat('4', 64), now() + interval '5 days', NULL)`,
      [user.id],
    );
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.maintenance));
    const job = await queue.add(JOBS.purgeRefreshTokens, {});
    await waitFor('the purge job to complete', () => job.isCompleted());

    const left: { expired: boolean }[] = await t.db.query(
      'SELECT expires_at < now() AS expired FROM refresh_tokens WHERE user_id = $1',
      [user.id],
    );
    expect(left).toEqual([{ expired: false }]);
    const links: { token_hash: string }[] = await t.db.query(
      'SELECT token_hash FROM user_tokens WHERE user_id = $1 ORDER BY token_hash',
      [user.id],
    );
    expect(links.map((l) => l.token_hash[0])).toEqual(['3', '4']);
  });

  it('keeps one schedule per recurring job in Redis, with its interval and attempts', async () => {
    const schedules = async (name: string) =>
      (await t.app.get<Queue>(getQueueToken(name)).getJobSchedulers()).map((s) => ({
        name: s.name,
        every: s.every,
      }));
    expect(await schedules(QUEUES.maintenance)).toEqual(
      expect.arrayContaining([
        { name: JOBS.purgeRefreshTokens, every: 6 * 3600 * 1000 },
        { name: JOBS.sweepInbound, every: 15_000 },
        { name: JOBS.sweepOutbound, every: 15_000 },
        { name: JOBS.pollMailboxes, every: 60_000 },
      ]),
    );
    expect(await schedules(QUEUES.assignment)).toEqual([
      { name: JOBS.sweepAssignment, every: 60_000 },
    ]);
    const [poll] = (
      await t.app.get<Queue>(getQueueToken(QUEUES.maintenance)).getJobSchedulers()
    ).filter((s) => s.name === JOBS.pollMailboxes);
    expect(poll?.template?.opts?.attempts).toBe(1);
  });

  it('gives replies more tries than other jobs', async () => {
    const outbound = t.app.get<Queue>(getQueueToken(QUEUES.outbound));
    const inbound = t.app.get<Queue>(getQueueToken(QUEUES.inbound));
    expect(outbound.defaultJobOptions.attempts).toBe(QUEUE_ATTEMPTS.outbound);
    expect(inbound.defaultJobOptions.attempts).toBe(5);
    expect(outbound.defaultJobOptions.backoff).toEqual(inbound.defaultJobOptions.backoff);
  });

  it('a sweeper revives a job that failed for good with all its tries', async () => {
    const { opts } = t.app.get<Queue>(getQueueToken(QUEUES.maintenance));
    const name = `revive-${randomUUID().slice(0, 8)}`;
    const queue = new Queue(name, opts);
    let failing = true;
    const runs: number[] = [];
    const worker = new Worker(
      name,
      async (job) => {
        runs.push(job.attemptsMade);
        if (failing) throw new Error('worker trouble');
      },
      { connection: t.app.get(RedisConnectionFactory).create('worker'), prefix: opts.prefix },
    );
    try {
      const job = await queue.add('work', {}, { jobId: 'one', attempts: 2 });
      await waitFor('the job to fail for good', async () => (await job.getState()) === 'failed');
      expect(runs).toEqual([0, 1]);

      failing = false;
      expect(await ensureJob(queue, 'work', {}, 'one')).toBe('retried');
      await waitFor('the revived job to complete', async () =>
        (await queue.getJob('one'))?.isCompleted(),
      );
      // It ran with its tries counted from zero again, not as its last try.
      expect(runs).toEqual([0, 1, 0]);
      expect(await ensureJob(queue, 'work', {}, 'one')).toBe('added');
    } finally {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });
});
