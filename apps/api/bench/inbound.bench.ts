/**
 * The intake benchmark against the built server on a fresh database. Each scenario is printed as one
 * line next to a baseline measured in the same run on the same machine, with its ratio and target:
 *   P1  sustained ingest: N signed API-channel messages from C senders until every one reached a
 *       connected agent socket; baseline B-PG1, raw single-row INSERTs/s into a messages-shaped table
 *       at the same concurrency.
 *   P2  webhook acknowledgement p99 at half of P1's rate (open loop, each send on its own schedule).
 *   P3  end to end p99, webhook in to agent socket, at 10 msg/s and at half of P1's rate.
 * Latencies are shown against one raw INSERT's p99 paced the same way. The run writes
 * docs/benchmarks.md (machine, versions, command, every figure).
 *
 *   npm run bench [-- --quick] [--strict] [--split] [--messages N --concurrency C --contacts K]
 *
 * `--quick` takes a few minutes (2000 messages, 15 s paced runs); the full run 10,000 and 60 s.
 * `--strict` exits non-zero when a target is missed. `--split` runs api (HTTP + sockets) and worker as
 * two processes, as in production; by default one process does both (ROLE=all, what `npm start` runs).
 */
import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';
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
const QUICK = process.argv.includes('--quick');
const STRICT = process.argv.includes('--strict');
const N = arg('messages', QUICK ? 2000 : 10_000);
const C = arg('concurrency', 32);
const CONTACTS = arg('contacts', 400);
const RAW_INSERTS = arg('inserts', 5000);
const SPLIT = process.argv.includes('--split');
/** How long each paced scenario sends. */
const PACED_SECONDS = QUICK ? 15 : 60;
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

const pct = (values: number[], p: number) =>
  values[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

interface Result {
  id: string;
  what: string;
  value: number;
  unit: string;
  baseline: number;
  baselineUnit: string;
  ratio: number;
  target: string;
  pass: boolean;
}

/** docs/benchmarks.md: what a reader needs to compare a run of their own with this one. */
function writeReport(run: {
  results: Result[];
  scenarioLines: string[];
  details: string[];
  setup: string;
  pgVersion: string;
  redisVersion: string;
}): void {
  const cpu = cpus();
  const row = (r: Result) =>
    `| ${r.id} | ${r.what} | ${r.value.toFixed(1)} ${r.unit} | ${r.baseline.toFixed(1)} ${r.baselineUnit} | ${r.ratio.toFixed(3)}× | ${r.target} | ${r.pass ? 'PASS' : 'FAIL'} |`;
  const text = [
    '# Intake benchmark',
    '',
    `Written by \`npm run bench -- ${process.argv.slice(2).join(' ')}\` on ${new Date().toISOString()}.`,
    'Every figure stands next to a baseline measured in the same run on the same machine.',
    '',
    `- Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `- Node.js ${process.version}; ${run.pgVersion.split(' on ')[0]}; Redis ${run.redisVersion}`,
    `- Set-up: ${run.setup}; ${N} messages, ${C} senders, ${CONTACTS} contacts, paced runs ${PACED_SECONDS} s`,
    '',
    '| # | scenario | value | baseline | ratio | target | result |',
    '|---|---|---|---|---|---|---|',
    ...run.results.map(row),
    '',
    '```',
    ...run.scenarioLines,
    '```',
    '',
    ...run.details.map((d) => `- ${d}`),
    '',
  ].join('\n');
  mkdirSync(join(root, 'docs'), { recursive: true });
  writeFileSync(join(root, 'docs/benchmarks.md'), text);
}

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
    /** Send start of each message by its text; a socket event closes its end-to-end latency. */
    const sentAt = new Map<string, number>();
    const arrived = new Map<string, number>();
    let onArrival: (() => void) | undefined;
    socket.on('message.created', (p: { message: { text: string } }) => {
      const at = sentAt.get(p.message.text);
      if (at === undefined || arrived.has(p.message.text)) return;
      arrived.set(p.message.text, performance.now() - at);
      onArrival?.();
    });
    let serial = 0;
    /** Posts one signed message; answers its acknowledgement time in ms. */
    const send = async (tag: string): Promise<{ text: string; ackMs: number }> => {
      const i = serial++;
      const text = `bench ${tag} ${i}`;
      const body = JSON.stringify({
        id: `bench-${tag}-${i}`,
        contact: { identifier: `contact-${i % CONTACTS}`, name: `Contact ${i % CONTACTS}` },
        text,
      });
      const t0 = performance.now();
      sentAt.set(text, t0);
      const res = await fetch(`${url}/webhooks/api/${channel.id}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-touchpoint-signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
        },
        body,
      });
      if (res.status !== 202) throw new Error(`webhook answered ${res.status}`);
      return { text, ackMs: performance.now() - t0 };
    };
    /** Waits until every text reached the agent socket (0 loss), or fails naming how many did. */
    const allArrived = (texts: string[], timeoutMs = 600_000) =>
      new Promise<number[]>((resolve, reject) => {
        const check = () => {
          if (texts.every((t) => arrived.has(t))) {
            onArrival = undefined;
            clearTimeout(timer);
            resolve(texts.map((t) => arrived.get(t) ?? 0));
          }
        };
        const timer = setTimeout(() => {
          onArrival = undefined;
          const n = texts.filter((t) => arrived.has(t)).length;
          reject(new Error(`only ${n}/${texts.length} messages reached the agent socket`));
        }, timeoutMs);
        onArrival = check;
        check();
      });
    /** `count` messages at `rate` per second, each sent on its own schedule (open loop). */
    const paced = async (tag: string, rate: number, count: number) => {
      const t0 = performance.now();
      const sends = Array.from({ length: count }, async (_, i) => {
        const due = t0 + (i * 1000) / rate;
        await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
        return send(tag);
      });
      const results = await Promise.all(sends);
      const e2e = await allArrived(results.map((r) => r.text));
      return { ack: sorted(results.map((r) => r.ackMs)), e2e: sorted(e2e) };
    };

    // P1: sustained ingest, C senders as fast as the server answers, until all are on the socket.
    const floodTexts: string[] = [];
    const started = performance.now();
    await pool(
      Array.from({ length: N }, (_, i) => i),
      C,
      async () => {
        floodTexts.push((await send('flood')).text);
      },
    );
    const acceptedIn = performance.now() - started;
    const floodE2e = sorted(await allArrived(floodTexts));
    const total = performance.now() - started;
    const p1 = N / (total / 1000);

    // P2 and P3 at half of P1's rate, then P3 unsaturated at 10 msg/s.
    const halfRate = Math.max(1, p1 / 2);
    const half = await paced('half', halfRate, Math.round(halfRate * PACED_SECONDS));
    const slow = await paced('slow', 10, 10 * PACED_SECONDS);
    socket.disconnect();

    // B-PG1: the raw single-row INSERT rate into a table shaped like messages, same concurrency.
    const pg = new Pool({ connectionString: dbUrl.toString(), max: C });
    await pg.query(
      `CREATE TABLE bench_raw (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), conversation_id uuid,
         channel_id uuid, provider_message_id text UNIQUE, type varchar(20), text text,
         metadata jsonb, seq int, created_at timestamptz DEFAULT now())`,
    );
    const rawInsert = (i: number) =>
      pg.query(
        `INSERT INTO bench_raw (conversation_id, channel_id, provider_message_id, type, text, metadata, seq)
         VALUES (gen_random_uuid(), gen_random_uuid(), $1, 'inbound', $2, $3, $4)`,
        [`raw-${i}`, `bench message ${i}`, JSON.stringify({ address: `contact-${i}` }), i],
      );
    const rawStart = performance.now();
    await pool(
      Array.from({ length: RAW_INSERTS }, (_, i) => i),
      C,
      async (i) => {
        await rawInsert(i);
      },
    );
    const rawRate = RAW_INSERTS / ((performance.now() - rawStart) / 1000);
    // The latency baseline: one raw INSERT round trip, paced like P2.
    const rawLatencies: number[] = [];
    await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        await new Promise((r) => setTimeout(r, (i * 1000) / halfRate));
        const t0 = performance.now();
        await rawInsert(RAW_INSERTS + i);
        rawLatencies.push(performance.now() - t0);
      }),
    );
    const rawP99 = pct(sorted(rawLatencies), 99);
    const [{ version: pgVersion }] = (await pg.query('SELECT version()')).rows as {
      version: string;
    }[];
    await pg.end();
    const redisInfo = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const redisVersion = /redis_version:(\S+)/.exec(await redisInfo.info('server'))?.[1] ?? '?';
    redisInfo.disconnect();

    /** A latency scenario: its p99 against the paced raw INSERT's p99, passing at `limitMs`. */
    const latencyP99 = (id: string, what: string, values: number[], limitMs: number): Result => {
      const value = pct(values, 99);
      return {
        id,
        what,
        value,
        unit: 'ms',
        baseline: rawP99,
        baselineUnit: 'ms raw INSERT p99',
        ratio: value / rawP99,
        target: `≤ ${limitMs} ms`,
        pass: value <= limitMs,
      };
    };
    const halfLabel = `${halfRate.toFixed(0)} msg/s (half of P1)`;
    const results: Result[] = [
      {
        id: 'P1',
        what: `sustained ingest, ${N} messages, ${C} senders, ${CONTACTS} contacts, webhook to agent socket, 0 loss`,
        value: p1,
        unit: 'msg/s',
        baseline: rawRate,
        baselineUnit: 'raw INSERTs/s (B-PG1)',
        ratio: p1 / rawRate,
        target: '≥ 0.25×',
        pass: p1 / rawRate >= 0.25,
      },
      latencyP99('P2', `webhook acknowledgement p99 at ${halfLabel}`, half.ack, 25),
      latencyP99('P3', 'end to end p99 (webhook in to agent socket) at 10 msg/s', slow.e2e, 25),
      latencyP99('P3h', `end to end p99 at ${halfLabel}`, half.e2e, 75),
    ];
    const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
    const spread = (values: number[]) =>
      `p50 ${fmt(pct(values, 50))} ms, p99 ${fmt(pct(values, 99))} ms`;
    const scenarioLines = results.map(
      (r) =>
        `${r.id.padEnd(4)} ${fmt(r.value)} ${r.unit}  baseline ${fmt(r.baseline)}  ratio ${r.ratio.toFixed(3)}×  target ${r.target}  ${r.pass ? 'PASS' : 'FAIL'}`,
    );
    const details = [
      `accepted during the flood: ${(N / (acceptedIn / 1000)).toFixed(0)} msg/s; flood webhook-to-socket ${spread(floodE2e)} (a backlog while saturated)`,
      `half rate: ack ${spread(half.ack)}; end to end ${spread(half.e2e)} (${half.ack.length} messages)`,
      `10 msg/s: ack ${spread(slow.ack)}; end to end ${spread(slow.e2e)} (${slow.ack.length} messages)`,
      `raw INSERT: ${fmt(rawRate)} rows/s at concurrency ${C}; one INSERT p99 ${fmt(rawP99)} ms paced`,
      'P8 (backlog of 100,000) and P11 (two api and two worker processes) are not measured yet.',
    ];
    const setup = `${SPLIT ? 'api + worker processes' : 'ROLE=all, one process'}${QUICK ? ', --quick' : ''}`;
    process.stdout.write(
      `\nTouchpoint benchmark (${setup})\n${scenarioLines.join('\n')}\n\n${details.map((d) => `  ${d}`).join('\n')}\n\n`,
    );
    writeReport({ results, scenarioLines, details, setup, pgVersion, redisVersion });
    if (STRICT && results.some((r) => !r.pass)) process.exitCode = 1;
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
  () => process.exit(process.exitCode ?? 0),
  (err: Error) => {
    process.stderr.write(`Benchmark failed: ${err.message}\n`);
    process.exit(1);
  },
);
