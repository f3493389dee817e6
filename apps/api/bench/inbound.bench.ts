/**
 * The intake benchmark against the built server on a fresh database. Each scenario is printed as one
 * line next to a baseline measured in the same run on the same machine, with its ratio and target:
 *   P1  sustained ingest: N signed API-channel messages from C senders until every one reached a
 *       connected agent socket; baseline B-PG1, raw single-row INSERTs/s into a messages-shaped table
 *       at the same concurrency. Always runs: the other scenarios are paced by it or compared with it.
 *   P2  webhook acknowledgement p99 at half of P1's rate (open loop, each send on its own schedule).
 *   P3  end to end p99, webhook in to agent socket, at 10 msg/s (P3) and at half of P1's rate (P3h).
 *   P11 scale-out, on fresh processes: P1's flood against two api and two worker processes sharing
 *       the database and Redis, half the senders to each api, the agent socket on one of them (Redis
 *       carries the events across); baseline P1's rate.
 *   P8  backlog, on fresh processes: an api alone accepts B messages from P1's senders and contacts,
 *       then one worker starts and drains them. P8 is B over the time from the worker's start until
 *       the database holds all B (baseline P1's rate); P8l is the end to end p99 of live messages
 *       sent at 10 msg/s meanwhile, against P3's at 10 msg/s.
 * Latencies of P2 and P3 are shown against one raw INSERT's p99 paced the same way. P1, P11 and P8
 * also report the CPU each process used and how busy the machine was, to show what saturates, and
 * P1's CPU per message gives the cores its target would take. A full run (or `--profile`) floods a
 * fresh server once more under V8's sampling profiler and reports where its CPU went. Each missed
 * target gets a paragraph in "Why the misses", made from this run's figures (bench/misses.ts). The
 * run writes docs/benchmarks.md (machine, versions, command, every figure) and per-second charts of
 * throughput and p99 latency for P1 and P8 (docs/benchmarks-p1.svg, docs/benchmarks-p8.svg).
 *
 *   npm run bench [-- --quick] [--strict] [--split] [--profile] [--scenarios P1,P2,P3,P8,P11,P4,P9]
 *                 [--backlog B] [--messages N --concurrency C --contacts K]
 *
 * `--quick` takes a few minutes (2000 messages, 15 s paced runs, a backlog of 10,000); the full run
 * 10,000, 60 s and 100,000. `--strict` exits non-zero when a target is missed. `--split` runs P1–P3
 * with api (HTTP + sockets) and worker as two processes, as in production; by default one process
 * does both (ROLE=all, what `npm start` runs). `--scenarios` runs a subset (all by default): P1 runs
 * with any intake scenario, and P8 alone still measures P3's 10 msg/s run, the baseline of P8l. P4
 * and P9, the reads at scale, are bench/scale.bench.ts on a data set of their own; they write
 * docs/benchmarks-scale.md and need no intake scenario.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import IORedis from 'ioredis';
import { Client, Pool } from 'pg';
import { io, type Socket } from 'socket.io-client';
import { waitFor } from '../test/helpers/wait';
import { deleteKeys } from '../test/setup/global-teardown';
import { lineChart } from './chart';
import { summarizeProfile, type ProfileSummary } from './profile';
import { explainMisses } from './misses';
import { runScaleBench } from './scale.bench';
import { breakdown, breakdownLine, breakdownTable, type SentSample } from './stages';

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
const BACKLOG = arg('backlog', QUICK ? 10_000 : 100_000);
const SPLIT = process.argv.includes('--split');
/** P1's flood once more under the profiler: in every full run, and with `--profile`. */
const PROFILE = !QUICK || process.argv.includes('--profile');
/** How long each paced scenario sends. */
const PACED_SECONDS = QUICK ? 15 : 60;
/** A request or query that takes longer fails the run: the servers are stuck, not slow. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * The load generator's webhook POSTs: node:http on kept-alive connections, which costs the shared
 * cores about half of what fetch does, so the servers measured get more of the machine.
 */
const webhookAgent = new Agent({ keepAlive: true, maxSockets: 256 });
const postWebhook = (url: string, body: string, headers: Record<string, string>) =>
  new Promise<number>((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: webhookAgent,
        timeout: REQUEST_TIMEOUT_MS,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
        res.once('error', reject);
      },
    );
    req.once('timeout', () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    req.once('error', reject);
    req.end(body);
  });
/** Live traffic while a backlog drains, as P3 measures it unloaded. */
const LIVE_RATE = 10;
/** How often the database is asked how much of a backlog is stored: the drain time's resolution. */
const POLL_MS = 200;
const root = join(__dirname, '../../..');

/** The intake scenarios, measured on a fresh database. */
const INTAKE_SCENARIOS = ['P1', 'P2', 'P3', 'P8', 'P11'];
/** The reads at scale (bench/scale.bench.ts), measured on the scale data set. */
const SCALE_SCENARIOS = ['P4', 'P9'];
const SCENARIOS = [...INTAKE_SCENARIOS, ...SCALE_SCENARIOS];

/**
 * `--scenarios P1,P8`: the scenarios to run (P3h and P8l come with P3 and P8). P1 runs whenever an
 * intake scenario does; P4 and P9 alone run without it.
 */
function pickScenarios(): Set<string> {
  const i = process.argv.indexOf('--scenarios');
  if (i < 0) return new Set(SCENARIOS);
  const picked = (process.argv[i + 1] ?? '')
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean)
    .map((s) => (s === 'P3H' || s === 'P8L' ? s.slice(0, 2) : s));
  const unknown = picked.filter((s) => !SCENARIOS.includes(s));
  if (picked.length === 0 || unknown.length > 0)
    throw new Error(
      `--scenarios takes a comma-separated list of ${SCENARIOS.join(', ')}${unknown.length ? `, not ${unknown.join(', ')}` : ''}`,
    );
  const intake = picked.some((s) => INTAKE_SCENARIOS.includes(s));
  return new Set([...(intake ? ['P1'] : []), ...picked]);
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

/** Settles as `promise` does, or fails naming `what` after `ms`. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `work` over `items` with `concurrency` senders; each call learns which sender runs it. */
async function pool<T>(
  items: T[],
  concurrency: number,
  work: (item: T, sender: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, sender) => {
      while (next < items.length) await work(items[next++], sender);
    }),
  );
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const pct = (values: number[], p: number) =>
  values[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const spread = (values: number[]) =>
  `p50 ${fmt(pct(values, 50))} ms, p99 ${fmt(pct(values, 99))} ms`;

/**
 * Per second from 0 of a window: how many events fell in it and the p99 of their values (null for
 * a second without any, so a chart shows a gap rather than a zero latency).
 */
function perSecond(events: { at: number; ms: number }[], seconds = 0) {
  const bins: number[][] = [];
  for (const e of events) (bins[Math.max(0, Math.floor(e.at / 1000))] ??= []).push(e.ms);
  const length = Math.max(bins.length, seconds);
  return {
    count: range(length).map((s) => bins[s]?.length ?? 0),
    p99: range(length).map((s) => (bins[s] ? pct(sorted(bins[s]), 99) : null)),
  };
}

/** A server process the bench started, by the name its CPU share is reported under. */
interface Proc {
  name: string;
  child: ChildProcess;
}

/** /proc counts CPU time in USER_HZ ticks, 100 a second on Linux. */
const TICKS_PER_SECOND = 100;

interface CpuSample {
  at: number;
  busy: number;
  total: number;
  /** CPU ticks so far by pid, with the name each is reported under. */
  procs: Map<number, { name: string; ticks: number }>;
}

function procTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at the state, field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime, fields 14 and 15
  } catch {
    return undefined; // gone meanwhile
  }
}

/**
 * CPU used so far by the machine, the bench's own server processes, the bench itself (the load
 * generator shares the machine) and PostgreSQL and Redis. Backends serving other databases are left
 * out; the server processes of PostgreSQL and Redis themselves are shared with anything else running.
 */
function cpuSample(own: Proc[], dbName: string): CpuSample {
  const times = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = times.map(Number);
  const total = user + nice + system + idle + iowait + irq + softirq + steal;
  const procs = new Map<number, { name: string; ticks: number }>();
  const add = (pid: number | undefined, name: string) => {
    const ticks = pid === undefined ? undefined : procTicks(pid);
    if (pid !== undefined && ticks !== undefined) procs.set(pid, { name, ticks });
  };
  for (const p of own) add(p.child.pid, p.name);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (comm === 'redis-server') add(Number(entry), 'redis');
      if (comm !== 'postgres') continue;
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const backend = /: \S+ (\S+) (\[local\]|\S+\(\d+\))/.exec(title);
      if (!backend || backend[1] === dbName) add(Number(entry), 'postgres');
    } catch {
      // gone meanwhile
    }
  }
  add(process.pid, 'load generator');
  return { at: performance.now(), busy: total - idle - iowait, total, procs };
}

/** CPU seconds each named process used between two samples. */
function cpuUsed(before: CpuSample, after: CpuSample): Map<string, number> {
  const used = new Map<string, number>();
  for (const [pid, { name, ticks }] of after.procs) {
    const delta = ticks - (before.procs.get(pid)?.ticks ?? 0);
    used.set(name, (used.get(name) ?? 0) + delta / TICKS_PER_SECOND);
  }
  return used;
}

/** The share (0..1) of all the machine's cores that was busy between two samples. */
function machineBusy(before: CpuSample, after: CpuSample): number {
  return (after.busy - before.busy) / Math.max(1, after.total - before.total);
}

/** Each named process's CPU between two samples, as a share of one core. */
function coreShares(before: CpuSample, after: CpuSample): Map<string, number> {
  const seconds = (after.at - before.at) / 1000;
  return new Map([...cpuUsed(before, after)].map(([name, s]) => [name, s / seconds]));
}

/** One line: the machine's busy share and each process's CPU as a share of one core. */
function cpuLine(label: string, before: CpuSample, after: CpuSample): string {
  const machine = 100 * machineBusy(before, after);
  const shares = [...coreShares(before, after)].map(
    ([name, share]) => `${name} ${(100 * share).toFixed(0)}%`,
  );
  return `${label}: machine ${machine.toFixed(0)}% busy of ${cpus().length} cores; per process, % of one core: ${shares.join(', ')}`;
}

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

/**
 * What P1's target takes on this machine: the CPU each process spent per message in P1's flood,
 * times the target rate. A single server process cannot use more than one core for its JavaScript.
 */
function p1Needs(perMessage: Map<string, number>, targetRate: number, split: boolean) {
  const ms = (name: string) => perMessage.get(name) ?? 0;
  const cores = (perMsg: number) => (perMsg * targetRate) / 1000;
  const total = cores([...perMessage.values()].reduce((a, b) => a + b, 0));
  const server = cores(split ? ms('api') + ms('worker') : ms('all'));
  const parts = [...perMessage].map(([name, v]) => `${name} ${v.toFixed(2)}`).join(', ');
  return {
    total,
    server,
    targetRate,
    line: `CPU per message in P1's flood, ms: ${parts}; P1's target of ${fmt(targetRate)} msg/s (0.25 × B-PG1) takes ${total.toFixed(2)} cores in all on this ${cpus().length}-core machine, ${server.toFixed(2)} of them for the server${split ? '' : ', whose JavaScript runs on one'}`,
  };
}

/** The profile of P1's flood, as text for the console or Markdown for the report. */
function profileLines(p: ProfileSummary, as: 'text' | 'markdown'): string[] {
  const pctOf = (share: number) => `${(100 * share).toFixed(1)}%`;
  const intro = `the server process (ROLE=all) was busy ${pctOf(p.busyShare)} of the ${fmt(p.windowMs / 1000)} s of P1's flood run again under \`node --cpu-prof\`; its busy time by kind of work`;
  if (as === 'text')
    return [
      `  Where the CPU goes: ${intro}:`,
      ...p.kinds.slice(0, 8).map((k) => `    ${pctOf(k.share).padStart(6)}  ${k.kind}`),
    ];
  return [
    '## Where the CPU goes',
    '',
    `The ${intro.slice('the '.length)} (each sample counted for the frame it was in):`,
    '',
    '| kind of work | share of busy time |',
    '|---|---|',
    ...p.kinds.map((k) => `| ${k.kind} | ${pctOf(k.share)} |`),
    '',
    'Functions with the most time of their own:',
    '',
    '| function | share of busy time |',
    '|---|---|',
    ...p.top.map((f) => `| \`${f.name}\` | ${pctOf(f.share)} |`),
  ];
}

/** docs/benchmarks.md: what a reader needs to compare a run of their own with this one. */
function writeReport(run: {
  results: Result[];
  scenarioLines: string[];
  details: string[];
  charts: { file: string; alt: string }[];
  setup: string;
  pgVersion: string;
  redisVersion: string;
  misses: string[];
  stages?: string[];
  profile?: string[];
}): void {
  const cpu = cpus();
  const row = (r: Result) =>
    `| ${r.id} | ${r.what} | ${r.value.toFixed(1)} ${r.unit} | ${r.baseline.toFixed(1)} ${r.baselineUnit} | ${r.ratio.toFixed(3)}× | ${r.target} | ${r.pass ? 'PASS' : 'FAIL'} |`;
  const text = [
    '# Intake benchmark',
    '',
    `Written by \`npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\` on ${new Date().toISOString()}.`,
    'Every figure stands next to a baseline measured in the same run on the same machine.',
    '',
    `- Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `- Node.js ${process.version}; ${run.pgVersion.split(' on ')[0]}; Redis ${run.redisVersion}`,
    `- Set-up: ${run.setup}; ${N} messages, ${C} senders, ${CONTACTS} contacts, paced runs ${PACED_SECONDS} s, backlog ${BACKLOG}`,
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
    ...run.misses,
    ...(run.stages ?? []),
    ...(run.profile ? [...run.profile, ''] : []),
    ...run.charts.flatMap((c) => [`![${c.alt}](${c.file})`, '']),
    'The reads at scale (P4 inbox lists and thread, P9 board and report) are in [benchmarks-scale.md](benchmarks-scale.md).',
    '',
  ].join('\n');
  mkdirSync(join(root, 'docs'), { recursive: true });
  writeFileSync(join(root, 'docs/benchmarks.md'), text);
}

async function main(): Promise<void> {
  const scenarios = pickScenarios();
  if (INTAKE_SCENARIOS.some((s) => scenarios.has(s))) await intake(scenarios);
  if (SCALE_SCENARIOS.some((s) => scenarios.has(s))) {
    const scale = await runScaleBench({
      root,
      scenarios,
      argv: process.argv.slice(2),
      quick: QUICK,
    });
    process.stdout.write(
      `\nTouchpoint scale benchmark (docs/benchmarks-scale.md)\n${scale.lines.join('\n')}\n\n`,
    );
    if (STRICT && scale.failed) process.exitCode = 1;
  }
}

/** P1–P11 on a fresh database and server; writes docs/benchmarks.md. */
async function intake(scenarios: Set<string>): Promise<void> {
  if (!Number.isInteger(BACKLOG) || BACKLOG < 1)
    throw new Error('--backlog takes a number of messages');
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
    // One login serves the whole run, which outlasts the default access token with a full backlog.
    JWT_ACCESS_TTL: '86400',
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
  /** Every process started, so that none outlives the run, whatever fails. */
  const spawned: Proc[] = [];
  const start = (role: string, name = role, apiPort = port, nodeArgs: string[] = []): Proc => {
    const child = spawn(
      process.execPath,
      [
        ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
        ...nodeArgs,
        join(root, 'dist/apps/api/apps/api/src/main.js'),
      ],
      {
        cwd: root,
        env: { ...env, ROLE: role, PORT: role === 'worker' ? '0' : String(apiPort) },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    const proc = { name, child };
    spawned.push(proc);
    return proc;
  };
  /** Stops processes and waits for them to exit: SIGTERM, SIGKILL when that takes over 30 s. */
  const stop = async (procs: Proc[]) => {
    await Promise.all(
      procs.map(async ({ name, child }) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        try {
          await within(exited, 30_000, `${name} (pid ${child.pid}) to stop`);
        } catch {
          child.kill('SIGKILL');
          await within(exited, 10_000, `${name} (pid ${child.pid}) to exit after SIGKILL`);
        }
      }),
    );
  };
  const healthy = (at: string) =>
    waitFor(
      `the server at ${at} to start (GET /api/health)`,
      () =>
        fetch(`${at}/api/health`, { signal: AbortSignal.timeout(5000) })
          .then((r) => r.ok)
          .catch(() => false),
      60_000,
    );
  /** Stops every process, drops the database and the Redis keys; once, at the end or on a signal. */
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      // Dropping the database waits for the servers to have let go of it (FORCE ends what is left).
      await stop(spawned).catch((err: Error) => process.stderr.write(`${err.message}\n`));
      await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await admin.end();
      await deleteKeys(prefix);
    })());
  // An interrupted run leaves no server, database or keys behind either.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      process.stderr.write(`Benchmark interrupted (${signal}), cleaning up\n`);
      void cleanUp().finally(() => process.exit(130));
    });
  let running = SPLIT ? [start('api'), start('worker')] : [start('all')];

  try {
    await healthy(url);
    const post = async <T>(path: string, body: unknown, token?: string): Promise<T> => {
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
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

    /** Send start of each message by its text; a socket event closes its end-to-end latency. */
    const sentAt = new Map<string, number>();
    /** When each message reached the agent socket (performance.now()) and its end-to-end ms. */
    const arrived = new Map<string, { at: number; ms: number }>();
    let onArrival: ((text: string) => void) | undefined;
    /** An agent socket on the api at `at`, ready for events. */
    const connectAgent = async (at: string): Promise<Socket> => {
      const s = io(at, { auth: { token: accessToken }, transports: ['websocket'] });
      s.on('message.created', (p: { message: { text: string } }) => {
        const text = p.message.text;
        const t0 = sentAt.get(text);
        if (t0 === undefined || arrived.has(text)) return;
        const now = performance.now();
        arrived.set(text, { at: now, ms: now - t0 });
        onArrival?.(text);
      });
      await within(
        new Promise((r) => s.once('session.ready', r)),
        30_000,
        `the agent socket at ${at} to be ready`,
      );
      return s;
    };
    let socket = await connectAgent(url);
    let serial = 0;
    /** Posts one signed message to the api at `at`; answers its acknowledgement time in ms. */
    const send = async (
      tag: string,
      at = url,
    ): Promise<{ text: string; ackMs: number; id: string }> => {
      const i = serial++;
      const text = `bench ${tag} ${i}`;
      const id = `bench-${tag}-${i}`;
      const body = JSON.stringify({
        id,
        contact: { identifier: `contact-${i % CONTACTS}`, name: `Contact ${i % CONTACTS}` },
        text,
      });
      const t0 = performance.now();
      sentAt.set(text, t0);
      const status = await postWebhook(`${at}/webhooks/api/${channel.id}`, body, {
        'content-type': 'application/json',
        'x-touchpoint-signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
      }).catch((err: Error) => {
        throw new Error(`webhook to ${at}: ${err.message}`);
      });
      if (status !== 202) throw new Error(`webhook answered ${status}`);
      return { text, ackMs: performance.now() - t0, id };
    };
    /** Waits until every text reached the agent socket (0 loss), or fails naming how many did. */
    const allArrived = (texts: string[], timeoutMs = 600_000) =>
      new Promise<{ at: number; ms: number }[]>((resolve, reject) => {
        const waiting = new Set(texts.filter((t) => !arrived.has(t)));
        const done = () => {
          onArrival = undefined;
          clearTimeout(timer);
          resolve(texts.map((t) => arrived.get(t) ?? { at: 0, ms: 0 }));
        };
        const timer = setTimeout(() => {
          onArrival = undefined;
          const n = texts.length - waiting.size;
          reject(new Error(`only ${n}/${texts.length} messages reached the agent socket`));
        }, timeoutMs);
        onArrival = (text) => {
          if (waiting.delete(text) && waiting.size === 0) done();
        };
        if (waiting.size === 0) done();
      });
    /** Sends at `rate` per second, each message on its own schedule (open loop), while `more(i)`. */
    const openLoop = async (tag: string, rate: number, more: (i: number) => boolean) => {
      const t0 = performance.now();
      const sends: Promise<{ text: string; ackMs: number; id: string }>[] = [];
      for (let i = 0; ; i++) {
        await sleep(t0 + (i * 1000) / rate - performance.now());
        if (!more(i)) break;
        const sent = send(tag);
        sent.catch(() => undefined); // reported by Promise.all below, not as unhandled meanwhile
        sends.push(sent);
      }
      return Promise.all(sends);
    };
    /** `count` messages at `rate` per second, open loop, until all reached the agent socket. */
    /**
     * PostgreSQL's own work that can stall a commit or a query now and then: checkpoints (the whole
     * cluster) and autovacuum/autoanalyze runs (this database).
     */
    const pgHousekeeping = async () => {
      const stats = new Client({ connectionString: dbUrl.toString() });
      await stats.connect();
      try {
        const [{ rows: c }, { rows: v }] = await Promise.all([
          stats.query<{ n: string }>(
            'SELECT checkpoints_timed + checkpoints_req AS n FROM pg_stat_bgwriter',
          ),
          stats.query<{
            vacuums: string | null;
            analyzes: string | null;
            manual: string | null;
          }>(
            `SELECT sum(autovacuum_count) AS vacuums, sum(autoanalyze_count) AS analyzes,
                    sum(vacuum_count) AS manual
               FROM pg_stat_user_tables`,
          ),
        ]);
        return {
          checkpoints: Number(c[0].n),
          autovacuums: Number(v[0].vacuums ?? 0),
          autoanalyzes: Number(v[0].analyzes ?? 0),
          sweeperVacuums: Number(v[0].manual ?? 0),
        };
      } finally {
        await stats.end();
      }
    };
    const paced = async (tag: string, rate: number, count: number) => {
      const housekeepingBefore = await pgHousekeeping();
      const cpuBefore = cpuSample(running, dbName);
      const results = await openLoop(tag, rate, (i) => i < count);
      const e2e = await allArrived(results.map((r) => r.text));
      const cpuAfter = cpuSample(running, dbName);
      const housekeepingAfter = await pgHousekeeping();
      const samples: SentSample[] = results.map((r, k) => ({
        providerMessageId: r.id,
        sentAt: performance.timeOrigin + (sentAt.get(r.text) ?? 0),
        ackMs: r.ackMs,
        e2eMs: e2e[k].ms,
      }));
      return {
        ack: sorted(results.map((r) => r.ackMs)),
        e2e: sorted(e2e.map((a) => a.ms)),
        samples,
        cpu: (label: string) => cpuLine(label, cpuBefore, cpuAfter),
        busy: machineBusy(cpuBefore, cpuAfter),
        housekeeping: `PostgreSQL meanwhile: ${housekeepingAfter.checkpoints - housekeepingBefore.checkpoints} checkpoints, ${housekeepingAfter.autovacuums - housekeepingBefore.autovacuums} autovacuum and ${housekeepingAfter.autoanalyzes - housekeepingBefore.autoanalyzes} autoanalyze runs in this database, ${housekeepingAfter.sweeperVacuums - housekeepingBefore.sweeperVacuums} vacuums of queue tables by the sweepers`,
      };
    };
    /**
     * N messages from C senders as fast as the servers answer, sender k posting to
     * targets[k % targets.length], until every one reached the agent socket. Answers the rate, the
     * per-second series from the first send and the CPU `procs` and the machine used meanwhile.
     */
    const flood = async (tag: string, targets: string[], procs: Proc[]) => {
      const texts: string[] = [];
      const accepted: { at: number; ms: number }[] = [];
      const cpuBefore = cpuSample(procs, dbName);
      const t0 = performance.now();
      await pool(range(N), C, async (_, sender) => {
        const sent = await send(tag, targets[sender % targets.length]);
        texts.push(sent.text);
        accepted.push({ at: performance.now() - t0, ms: sent.ackMs });
      });
      const acceptedIn = performance.now() - t0;
      const e2e = await allArrived(texts);
      const total = performance.now() - t0;
      const cpuAfter = cpuSample(procs, dbName);
      return {
        rate: N / (total / 1000),
        acceptedRate: N / (acceptedIn / 1000),
        e2e: sorted(e2e.map((a) => a.ms)),
        reached: perSecond(e2e.map((a) => ({ at: a.at - t0, ms: a.ms }))),
        accepted: perSecond(accepted).count,
        cpu: (label: string) => cpuLine(label, cpuBefore, cpuAfter),
        busy: machineBusy(cpuBefore, cpuAfter),
        /** CPU ms per message of each process. */
        cpuPerMessage: new Map(
          [...cpuUsed(cpuBefore, cpuAfter)].map(([name, s]) => [name, (1000 * s) / N]),
        ),
      };
    };

    // P1: sustained ingest, C senders as fast as the server answers, until all are on the socket.
    const p1Run = await flood('flood', [url], running);
    const p1 = p1Run.rate;

    // P2 and P3 at half of P1's rate, then P3 unsaturated at 10 msg/s.
    const halfRate = Math.max(1, p1 / 2);
    const half =
      scenarios.has('P2') || scenarios.has('P3')
        ? await paced('half', halfRate, Math.round(halfRate * PACED_SECONDS))
        : undefined;
    const slow =
      scenarios.has('P3') || scenarios.has('P8')
        ? await paced('slow', LIVE_RATE, LIVE_RATE * PACED_SECONDS)
        : undefined;
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
    await pool(range(RAW_INSERTS), C, async (i) => {
      await rawInsert(i);
    });
    const rawRate = RAW_INSERTS / ((performance.now() - rawStart) / 1000);
    // The latency baseline: one raw INSERT round trip, paced like P2.
    const rawLatencies: number[] = [];
    await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        await sleep((i * 1000) / halfRate);
        const t0 = performance.now();
        await rawInsert(RAW_INSERTS + i);
        rawLatencies.push(performance.now() - t0);
      }),
    );
    const rawP99 = pct(sorted(rawLatencies), 99);
    // Where the paced runs' time went, from PostgreSQL's timestamps of the same messages.
    const stagesOf = async (samples: SentSample[] | undefined) => {
      if (!samples?.length) return null;
      const { rows } = await pg.query<{
        id: string;
        received: string;
        batch: string;
        stored: string;
      }>(
        `SELECT e.provider_message_id AS id, extract(epoch FROM e.created_at) * 1000 AS received,
                extract(epoch FROM e.processed_at) * 1000 AS batch,
                extract(epoch FROM m.created_at) * 1000 AS stored
           FROM inbound_events e
           JOIN messages m ON m.channel_id = e.channel_id
                          AND m.provider_message_id = e.provider_message_id
          WHERE e.channel_id = $1 AND e.provider_message_id = ANY($2::text[])`,
        [channel.id, samples.map((x) => x.providerMessageId)],
      );
      return breakdown(
        samples,
        rows.map((r) => ({
          providerMessageId: r.id,
          receivedAt: Number(r.received),
          batchStartedAt: Number(r.batch),
          storedAt: Number(r.stored),
        })),
      );
    };
    const halfStages = await stagesOf(half?.samples);
    const slowStages = await stagesOf(slow?.samples);
    const [{ version: pgVersion }] = (await pg.query('SELECT version()')).rows as {
      version: string;
    }[];
    await pg.end();
    const redisInfo = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const redisVersion = /redis_version:(\S+)/.exec(await redisInfo.info('server'))?.[1] ?? '?';
    redisInfo.disconnect();

    // P11: the flood again, on two api and two worker processes.
    let p11Run: Awaited<ReturnType<typeof flood>> | undefined;
    if (scenarios.has('P11')) {
      await stop(running);
      const url2 = `http://127.0.0.1:${await freePort()}`;
      running = [
        start('api', 'api1'),
        start('api', 'api2', Number(new URL(url2).port)),
        start('worker', 'worker1'),
        start('worker', 'worker2'),
      ];
      await Promise.all([healthy(url), healthy(url2)]);
      socket = await connectAgent(url);
      p11Run = await flood('scale', [url, url2], running);
      socket.disconnect();
    }

    // P8: a backlog taken by an api alone, then drained by one worker while live messages arrive.
    let p8:
      | {
          acceptedRate: number;
          firstStoredMs: number;
          drainMs: number;
          onSocketMs: number;
          rate: number;
          live: { ack: number[]; e2e: number[] };
          cpu: string;
          busy: number;
          coreShare: Map<string, number>;
        }
      | undefined;
    let p8Chart: string | undefined;
    if (scenarios.has('P8')) {
      await stop(running);
      running = [start('api')];
      await healthy(url);
      socket = await connectAgent(url);
      const db = new Client({
        connectionString: dbUrl.toString(),
        query_timeout: REQUEST_TIMEOUT_MS,
      });
      await db.connect();
      let stopLive = false;
      try {
        const backlogTexts: string[] = [];
        const postStart = performance.now();
        await pool(range(BACKLOG), C, async () => {
          backlogTexts.push((await send('backlog')).text);
        });
        const acceptedRate = BACKLOG / ((performance.now() - postStart) / 1000);
        // Claimed events stay pending until their batch commits: pending means not stored yet.
        const pending = async () => {
          const { rows } = await db.query<{ n: string }>(
            `SELECT count(*) AS n FROM inbound_events
             WHERE status = 'pending' AND provider_message_id LIKE 'bench-backlog-%'`,
          );
          return Number(rows[0].n);
        };
        const before = await pending();
        if (before !== BACKLOG)
          throw new Error(`${before}/${BACKLOG} backlog events pending before a worker ran`);

        const startedWall = Date.now();
        const worker = start('worker');
        running.push(worker);
        const t0 = performance.now();
        const cpuBefore = cpuSample(running, dbName);
        // Live traffic starts with the worker's first stored batch: its boot is not what P8l measures.
        let live: Promise<{ text: string; ackMs: number }[]> | undefined;
        let firstStoredMs = 0;
        const limitMs = 60_000 + BACKLOG * 20;
        let drainMs: number;
        for (;;) {
          const left = await pending();
          const now = performance.now() - t0;
          if (left < BACKLOG && !live) {
            firstStoredMs = now;
            live = openLoop('live', LIVE_RATE, () => !stopLive);
            live.catch(() => undefined); // awaited below; a failed run must not fail it unhandled
          }
          if (left === 0) {
            drainMs = now;
            break;
          }
          if (worker.child.exitCode !== null || worker.child.signalCode !== null)
            throw new Error(`the worker exited with ${left}/${BACKLOG} backlog events pending`);
          if (now > limitMs)
            throw new Error(
              `Timed out after ${limitMs} ms waiting for the worker to store the backlog: ${BACKLOG - left}/${BACKLOG} stored`,
            );
          await sleep(POLL_MS);
        }
        stopLive = true;
        const cpuAfter = cpuSample(running, dbName);
        const liveSends = live ? await live : [];
        const liveArrivals = await allArrived(
          liveSends.map((s) => s.text),
          60_000,
        );
        const backlogArrivals = await allArrived(backlogTexts, limitMs);
        const onSocketMs = backlogArrivals.reduce((m, a) => Math.max(m, a.at), t0) - t0;

        // Stored per second from the rows themselves, timed by their batch on the same clock.
        const { rows: storedRows } = await db.query<{ s: number; n: number }>(
          `SELECT floor((extract(epoch FROM created_at) * 1000 - $1) / 1000)::int AS s, count(*)::int AS n
           FROM messages WHERE type = 'inbound' AND provider_message_id LIKE 'bench-backlog-%'
           GROUP BY 1 ORDER BY 1`,
          [startedWall],
        );
        const storedCount = storedRows.reduce((sum, r) => sum + r.n, 0);
        if (storedCount !== BACKLOG)
          throw new Error(`only ${storedCount}/${BACKLOG} backlog messages were stored`);
        const seconds = Math.ceil(Math.max(drainMs, onSocketMs) / 1000);
        const stored = range(seconds).map(() => 0);
        for (const r of storedRows) stored[Math.min(seconds - 1, Math.max(0, r.s))] += r.n;
        const onSocket = perSecond(backlogArrivals.map((a) => ({ at: a.at - t0, ms: a.ms })));
        const liveSeries = perSecond(
          liveArrivals.map((a) => ({ at: a.at - t0, ms: a.ms })),
          seconds,
        );
        p8 = {
          acceptedRate,
          firstStoredMs,
          drainMs,
          onSocketMs,
          rate: BACKLOG / (drainMs / 1000),
          live: {
            ack: sorted(liveSends.map((s) => s.ackMs)),
            e2e: sorted(liveArrivals.map((a) => a.ms)),
          },
          cpu: cpuLine('P8 CPU during the drain', cpuBefore, cpuAfter),
          busy: machineBusy(cpuBefore, cpuAfter),
          coreShare: coreShares(cpuBefore, cpuAfter),
        };
        p8Chart = lineChart({
          title: `P8: one worker drains a backlog of ${BACKLOG} messages while live ones arrive at ${LIVE_RATE} msg/s`,
          xLabel: 'seconds since the worker started',
          panels: [
            {
              label: 'throughput, msg/s',
              series: [
                { name: 'backlog stored', color: '#1f77b4', values: stored },
                { name: 'backlog on the agent socket', color: '#ff7f0e', values: onSocket.count },
              ],
            },
            {
              label: 'p99 latency, ms',
              series: [
                {
                  name: 'live messages, p99 webhook to agent socket',
                  color: '#d62728',
                  values: liveSeries.p99,
                },
              ],
            },
          ],
          markers: [{ x: drainMs / 1000, label: `backlog stored after ${fmt(drainMs / 1000)} s` }],
        });
      } finally {
        stopLive = true;
        await db.end();
      }
      socket.disconnect();
    }

    // Where the CPU goes: P1's flood again on a fresh process under V8's sampling profiler, counted
    // for the flood alone. Its rate is not P1's figure: sampling costs the process a few percent.
    let profile: ProfileSummary | undefined;
    if (PROFILE) {
      await stop(running);
      const dir = mkdtempSync(join(tmpdir(), 'touchpoint-profile-'));
      try {
        running = [start('all', 'all', port, ['--cpu-prof', `--cpu-prof-dir=${dir}`])];
        await healthy(url);
        socket = await connectAgent(url);
        const from = Number(process.hrtime.bigint() / 1000n);
        await flood('profile', [url], running);
        const to = Number(process.hrtime.bigint() / 1000n);
        socket.disconnect();
        await stop(running); // the profile is written as the process exits
        const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
        if (!file) throw new Error('the profiled server wrote no profile');
        profile = summarizeProfile(join(dir, file), from, to);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }

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
    /** A rate against P1's, passing at `min` times it. */
    const againstP1 = (id: string, what: string, value: number, min: number): Result => ({
      id,
      what,
      value,
      unit: 'msg/s',
      baseline: p1,
      baselineUnit: 'msg/s (P1)',
      ratio: value / p1,
      target: `≥ ${min.toFixed(1)}×`,
      pass: value / p1 >= min,
    });
    const halfLabel = `${halfRate.toFixed(0)} msg/s (half of P1)`;
    const slowP99 = slow && pct(slow.e2e, 99);
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
      ...(half
        ? [latencyP99('P2', `webhook acknowledgement p99 at ${halfLabel}`, half.ack, 25)]
        : []),
      ...(slow
        ? [
            latencyP99(
              'P3',
              'end to end p99 (webhook in to agent socket) at 10 msg/s',
              slow.e2e,
              25,
            ),
          ]
        : []),
      ...(half ? [latencyP99('P3h', `end to end p99 at ${halfLabel}`, half.e2e, 75)] : []),
      ...(p8
        ? [
            againstP1(
              'P8',
              `backlog of ${BACKLOG} drained by one worker, from its start until all are stored`,
              p8.rate,
              1,
            ),
          ]
        : []),
      ...(p8 && slowP99 !== undefined && p8.live.e2e.length > 0
        ? [
            {
              id: 'P8l',
              what: `end to end p99 of live messages at ${LIVE_RATE} msg/s while the backlog drains`,
              value: pct(p8.live.e2e, 99),
              unit: 'ms',
              baseline: slowP99,
              baselineUnit: `ms P3 p99 at ${LIVE_RATE} msg/s`,
              ratio: pct(p8.live.e2e, 99) / slowP99,
              target: '≤ 2×',
              pass: pct(p8.live.e2e, 99) / slowP99 <= 2,
            },
          ]
        : []),
      ...(p11Run
        ? [
            againstP1(
              'P11',
              `scale-out, P1's flood on 2 api and 2 worker processes`,
              p11Run.rate,
              1.6,
            ),
          ]
        : []),
    ];
    const scenarioLines = results.map(
      (r) =>
        `${r.id.padEnd(4)} ${fmt(r.value)} ${r.unit}  baseline ${fmt(r.baseline)}  ratio ${r.ratio.toFixed(3)}×  target ${r.target}  ${r.pass ? 'PASS' : 'FAIL'}`,
    );
    const p1Target = p1Needs(p1Run.cpuPerMessage, 0.25 * rawRate, SPLIT);
    const p1Procs = SPLIT ? 'api and worker processes' : 'one ROLE=all process';
    const details = [
      `accepted during the flood: ${fmt(p1Run.acceptedRate)} msg/s; flood webhook-to-socket ${spread(p1Run.e2e)} (a backlog while saturated)`,
      p1Run.cpu(`P1 CPU during the flood (${p1Procs})`),
      ...(half
        ? [
            `half rate: ack ${spread(half.ack)}; end to end ${spread(half.e2e)} (${half.ack.length} messages)`,
          ]
        : []),
      ...(slow
        ? [
            `10 msg/s: ack ${spread(slow.ack)}; end to end ${spread(slow.e2e)} (${slow.ack.length} messages)`,
          ]
        : []),
      `raw INSERT: ${fmt(rawRate)} rows/s at concurrency ${C}; one INSERT p99 ${fmt(rawP99)} ms paced`,
      ...(slow ? [`${slow.cpu(`CPU at ${LIVE_RATE} msg/s`)}; ${slow.housekeeping}`] : []),
      ...(slowStages ? [breakdownLine(`${LIVE_RATE} msg/s`, slowStages)] : []),
      ...(half ? [`${half.cpu('CPU at half rate')}; ${half.housekeeping}`] : []),
      ...(halfStages ? [breakdownLine('half rate', halfStages)] : []),
      p1Target.line,
      ...(p11Run
        ? [
            `P11: accepted ${fmt(p11Run.acceptedRate)} msg/s by the two apis; webhook-to-socket (agent socket on api1) ${spread(p11Run.e2e)}`,
            p11Run.cpu('P11 CPU during the flood'),
          ]
        : []),
      ...(p8
        ? [
            `P8: the api alone accepted the backlog at ${fmt(p8.acceptedRate)} msg/s; the worker stored its first batch after ${fmt(p8.firstStoredMs / 1000)} s, all ${BACKLOG} after ${fmt(p8.drainMs / 1000)} s (looking every ${POLL_MS} ms); all were on the agent socket after ${fmt(p8.onSocketMs / 1000)} s`,
            p8.live.e2e.length > 0
              ? `P8 live at ${LIVE_RATE} msg/s from the first stored batch until all were stored: ack ${spread(p8.live.ack)}; end to end ${spread(p8.live.e2e)} (${p8.live.e2e.length} messages)`
              : 'P8 live: the backlog was stored before live traffic started; no P8l figure',
            p8.cpu,
          ]
        : []),
    ];
    const charts = [{ file: 'benchmarks-p1.svg', alt: 'P1 flood' }];
    writeFileSync(
      join(root, 'docs', charts[0].file),
      lineChart({
        title: `P1: ${N} messages from ${C} senders as fast as accepted (${p1Procs})`,
        xLabel: 'seconds since the first send',
        panels: [
          {
            label: 'throughput, msg/s',
            series: [
              { name: 'accepted (202)', color: '#2ca02c', values: p1Run.accepted },
              { name: 'on the agent socket', color: '#1f77b4', values: p1Run.reached.count },
            ],
          },
          {
            label: 'p99 latency, ms',
            series: [
              { name: 'p99 webhook to agent socket', color: '#d62728', values: p1Run.reached.p99 },
            ],
          },
        ],
      }),
    );
    if (p8Chart) {
      charts.push({ file: 'benchmarks-p8.svg', alt: 'P8 backlog drain' });
      writeFileSync(join(root, 'docs/benchmarks-p8.svg'), p8Chart);
    }
    const setup = `${SPLIT ? 'api + worker processes' : 'ROLE=all, one process'}${QUICK ? ', --quick' : ''}`;
    process.stdout.write(
      `\nTouchpoint benchmark (${setup})\n${scenarioLines.join('\n')}\n\n${details.map((d) => `  ${d}`).join('\n')}\n\n`,
    );
    if (profile) process.stdout.write(`${profileLines(profile, 'text').join('\n')}\n\n`);
    const stageTables = [
      ...(slowStages && slow
        ? [
            breakdownTable(
              `P3 at ${LIVE_RATE} msg/s`,
              slowStages,
              rawP99,
              `${slow.cpu('CPU meanwhile')}; ${slow.housekeeping}`,
            ),
          ]
        : []),
      ...(halfStages && half
        ? [
            breakdownTable(
              `P3h at ${halfLabel}`,
              halfStages,
              rawP99,
              `${half.cpu('CPU meanwhile')}; ${half.housekeeping}`,
            ),
          ]
        : []),
    ];
    const misses = explainMisses(results, {
      cores: cpus().length,
      busy: {
        flood: p1Run.busy,
        half: half?.busy,
        slow: slow?.busy,
        drain: p8?.busy,
        scale: p11Run?.busy,
      },
      p1Needs: p1Target,
      split: SPLIT,
      profile,
      halfStages,
      slowStages,
      p8:
        p8 && p8.live.e2e.length > 0
          ? {
              rate: p8.rate,
              liveP50: pct(p8.live.e2e, 50),
              workerCore: p8.coreShare.get('worker') ?? 0,
              postgresCore: p8.coreShare.get('postgres') ?? 0,
            }
          : undefined,
    });
    if (misses.length)
      process.stdout.write(`${misses.map((l) => l.replace(/\*\*/g, '')).join('\n')}\n`);
    writeReport({
      results,
      scenarioLines,
      details,
      charts,
      misses,
      setup,
      pgVersion,
      redisVersion,
      stages: stageTables.length
        ? [
            '## Where the time goes',
            '',
            "Each paced message's end-to-end time in stages, from the load generator's clock (sent, on the agent socket) and PostgreSQL's timestamps of the same message (delivery stored, its batch begun, its row written); the slowest 1% column shows what the tail waited on.",
            '',
            ...stageTables.flatMap((t) => [...t, '']),
          ]
        : undefined,
      profile: profile && profileLines(profile, 'markdown'),
    });
    if (STRICT && results.some((r) => !r.pass)) process.exitCode = 1;
  } finally {
    await cleanUp();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err: Error) => {
    process.stderr.write(`Benchmark failed: ${err.message}\n`);
    process.exit(1);
  },
);
