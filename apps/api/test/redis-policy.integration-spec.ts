import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import IORedis, { type Redis } from 'ioredis';
import { checkServices } from '../src/core/preflight/preflight';
import { createFileDatabase } from './helpers/test-database';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

/** A Redis of this file's own, never the shared one: its policy is changed here. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

const expectedLine = (url: string, policy: string) =>
  `Redis at ${url}: maxmemory-policy is ${policy}; BullMQ loses jobs under eviction. ` +
  'Set maxmemory-policy noeviction (redis-cli CONFIG SET maxmemory-policy noeviction, or in redis.conf)';

describe('Redis eviction policy', () => {
  let server: ChildProcess;
  let admin: Redis;
  let redisUrl: string;
  let databaseUrl: string;
  let app: TestApp | undefined;

  beforeAll(async () => {
    // BullMQ prints its own warning per connection to a Redis that evicts.
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const port = await freePort();
    redisUrl = `redis://127.0.0.1:${port}`;
    server = spawn(
      'redis-server',
      [
        ...['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        ...['--maxmemory-policy', 'allkeys-lru', '--daemonize', 'no'],
      ],
      { stdio: 'ignore' },
    );
    admin = new IORedis(redisUrl, { retryStrategy: () => 100, lazyConnect: true });
    admin.on('error', () => undefined);
    await waitFor('the own Redis', () =>
      admin.connect().then(
        () => true,
        () => false,
      ),
    );
    databaseUrl = await createFileDatabase();
  });

  afterAll(async () => {
    await app?.close();
    admin.disconnect();
    server.kill();
  });

  it('preflight refuses allkeys-lru with one line saying how to fix it', async () => {
    await expect(checkServices({ databaseUrl, redisUrl })).rejects.toThrow(
      expectedLine(redisUrl, 'allkeys-lru'),
    );
  });

  it('the app refuses to start on allkeys-lru with the same line', async () => {
    await expect(startTestApp({ REDIS_URL: redisUrl }, databaseUrl)).rejects.toThrow(
      expectedLine(redisUrl, 'allkeys-lru'),
    );
  });

  it('a reconnect to a Redis with a wrong policy turns health red naming it; noeviction turns it green', async () => {
    await admin.config('SET', 'maxmemory-policy', 'noeviction');
    const started = await startTestApp({ REDIS_URL: redisUrl }, databaseUrl);
    app = started;
    const health = () => fetch(`${started.url}/api/health`);
    expect((await health()).status).toBe(200);

    await admin.config('SET', 'maxmemory-policy', 'volatile-lru');
    // Every client of the app is dropped and reconnects (the admin connection is skipped).
    await admin.client('KILL', 'TYPE', 'normal');
    const red = await waitFor('health to turn red', async () => {
      const res = await health();
      return res.status === 503 && ((await res.json()) as { message: string });
    });
    expect(red.message).toContain(expectedLine(redisUrl, 'volatile-lru'));

    await admin.config('SET', 'maxmemory-policy', 'noeviction');
    await waitFor('health to turn green', async () => (await health()).status === 200);
  });
});
