/**
 * Inbound throughput and latency: N API-channel messages over HTTP with C concurrent senders against
 * the built server (ROLE=all) on a fresh database, measured until each one reached a connected agent
 * socket. In the same run: the raw single-row INSERT rate of this PostgreSQL at the same concurrency.
 *
 *   npm run bench [-- --messages 2000 --concurrency 32 --contacts 400 --split]
 *
 * `--split` runs the api (HTTP + sockets) and the worker as two processes, as in production; by
 * default one process does both (ROLE=all, what `npm start` runs).
 */
import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import IORedis from 'ioredis';
import { Client, Pool } from 'pg';
import { io } from 'socket.io-client';
import { waitFor } from '../test/helpers/wait';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('messages', 2000);
const C = arg('concurrency', 32);
const CONTACTS = arg('contacts', 400);
const RAW_INSERTS = arg('inserts', 5000);
const SPLIT = process.argv.includes('--split');
const root = join(__dirname, '../../..');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function pool<T>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main(): Promise<void> {
  const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  base.pathname = '/postgres';
  const dbName = `touchpoint_bench_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const dbUrl = new URL(base);
  dbUrl.pathname = `/${dbName}`;
  const prefix = `tpbench-${randomBytes(3).toString('hex')}`;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(32).toString('hex'),
    PUBLIC_URL: url,
    PORT: String(port),
    HOST: '127.0.0.1',
    SMTP_PORT: '0',
    DATABASE_URL: dbUrl.toString(),
    DATABASE_POOL_SIZE: '20',
    REDIS_PREFIX: prefix,
    SEED_DEMO: 'false',
    ADMIN_EMAIL: 'bench@example.test',
    ADMIN_PASSWORD: 'bench-password-123',
    LOG_LEVEL: 'error',
    LOGIN_RATE_LIMIT: '1000',
  };
  const start = (role: string) =>
    spawn(
      process.execPath,
      [
        ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
        join(root, 'dist/apps/api/apps/api/src/main.js'),
      ],
      {
        cwd: root,
        env: { ...env, ROLE: role, ...(role === 'worker' && { PORT: '0' }) },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
  const servers = SPLIT ? [start('api'), start('worker')] : [start('all')];

  try {
    await waitFor(
      'the server to start (GET /api/health)',
      () =>
        fetch(`${url}/api/health`)
          .then((r) => r.ok)
          .catch(() => false),
      60_000,
    );
    const post = async <T>(path: string, body: unknown, token?: string): Promise<T> => {
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token && { authorization: `Bearer ${token}` }),
        },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    const { accessToken } = await post<{ accessToken: string }>('/api/auth/login', {
      email: 'bench@example.test',
      password: 'bench-password-123',
    });
    const team = await post<{ id: string }>('/api/teams', { name: 'Bench' }, accessToken);
    const secret = randomBytes(24).toString('hex');
    const channel = await post<{ id: string }>(
      '/api/channels',
      { kind: 'api', name: 'Bench', teamId: team.id, config: { secret } },
      accessToken,
    );

    const socket = io(url, { auth: { token: accessToken }, transports: ['websocket'] });
    await new Promise((r) => socket.once('session.ready', r));
    const accepted = new Map<string, number>();
    const latencies: number[] = [];
    let done: () => void = () => undefined;
    const allDelivered = new Promise<void>((r) => (done = r));
    socket.on('message.created', (p: { message: { text: string } }) => {
      const at = accepted.get(p.message.text);
      if (at === undefined) return;
      latencies.push(performance.now() - at);
      accepted.delete(p.message.text);
      if (latencies.length === N) done();
    });

    const items = Array.from({ length: N }, (_, i) => i);
    const started = performance.now();
    await pool(items, C, async (i) => {
      const text = `bench message ${i}`;
      const body = JSON.stringify({
        id: `bench-${i}`,
        contact: { identifier: `contact-${i % CONTACTS}`, name: `Contact ${i % CONTACTS}` },
        text,
      });
      const res = await fetch(`${url}/webhooks/api/${channel.id}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-touchpoint-signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
        },
        body,
      });
      if (res.status !== 202) throw new Error(`webhook answered ${res.status}`);
      accepted.set(text, performance.now());
    });
    const acceptedIn = performance.now() - started;
    await Promise.race([
      allDelivered,
      new Promise((_, reject) =>
        setTimeout(
          () => reject(new Error(`only ${latencies.length}/${N} delivered in 300 s`)),
          300_000,
        ),
      ),
    ]);
    const total = performance.now() - started;
    socket.disconnect();

    // The machine's raw PostgreSQL single-row INSERT rate, same concurrency, on the same database.
    const pg = new Pool({ connectionString: dbUrl.toString(), max: C });
    await pg.query(
      'CREATE TABLE bench_raw (id bigserial PRIMARY KEY, provider_id text UNIQUE, payload jsonb, created_at timestamptz DEFAULT now())',
    );
    const rawStart = performance.now();
    await pool(
      Array.from({ length: RAW_INSERTS }, (_, i) => i),
      C,
      async (i) => {
        await pg.query('INSERT INTO bench_raw (provider_id, payload) VALUES ($1, $2)', [
          `raw-${i}`,
          JSON.stringify({ text: `bench message ${i}` }),
        ]);
      },
    );
    const rawRate = RAW_INSERTS / ((performance.now() - rawStart) / 1000);
    await pg.end();

    latencies.sort((a, b) => a - b);
    const rate = N / (total / 1000);
    const lines = [
      `Touchpoint inbound benchmark (${N} API-channel messages, ${CONTACTS} contacts, concurrency ${C}, ${SPLIT ? 'api + worker processes' : 'ROLE=all, one process'})`,
      `  accepted (HTTP 202):           ${(N / (acceptedIn / 1000)).toFixed(0)} msg/s`,
      `  stored and on agent socket:    ${rate.toFixed(0)} msg/s  (${(total / 1000).toFixed(2)} s total)`,
      `  latency accepted -> socket:    p50 ${pct(latencies, 50).toFixed(0)} ms, p99 ${pct(latencies, 99).toFixed(0)} ms, max ${latencies[latencies.length - 1].toFixed(0)} ms`,
      `  raw PostgreSQL INSERT:         ${rawRate.toFixed(0)} rows/s (single-row, autocommit, concurrency ${C})`,
      `  ratio messages / raw inserts:  ${(rate / rawRate).toFixed(3)}`,
    ];
    process.stdout.write(`\n${lines.join('\n')}\n\n`);
  } finally {
    // Dropping the database waits for the servers to have let go of it.
    await Promise.all(
      servers.map((s) => {
        const exited = new Promise((r) => s.once('exit', r));
        s.kill('SIGTERM');
        return s.exitCode === null && s.signalCode === null ? exited : undefined;
      }),
    );
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
    const redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== '0');
    redis.disconnect();
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`Benchmark failed: ${err.message}\n`);
    process.exit(1);
  },
);
