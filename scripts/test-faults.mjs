// npm run test:faults: the fault suite. Starts its own PostgreSQL cluster and Redis on spare loopback
// ports (never the installation's), runs the built server as two api processes and one worker, then
// breaks things on purpose: kill -9 of the worker and of an api during a message flood, Redis lost and
// back empty, a Redis that evicts keys, PostgreSQL stopped, replies through a slow and failing receiver
// with worker kills, a replay storm. Prints one table (scenario, what was checked, counts, recovery
// time, PASS/FAIL) and exits non-zero if a row failed. Everything it started is stopped and removed at
// the end, also on failure or Ctrl-C.
//
// Sizes (defaults are the ones the product promises are measured with):
//   FAULTS_MESSAGES=3000  messages per flood      FAULTS_REPLIES=300     agent replies
//   FAULTS_REPLAYS=1000   replayed deliveries     FAULTS_CONTACTS=300    customers per flood
//   FAULTS_OUTAGE_S=20    PostgreSQL outage       FAULTS_ONLY=1,3        run only these scenarios
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDependencies, nx, root, say } from './lib/workspace.mjs';

ensureDependencies();
const started = Date.now();
const require = createRequire(import.meta.url);
const { formatTable } = require('./lib/fault-table.cjs');
const num = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};
const numbers = {
  messages: num('FAULTS_MESSAGES', 3000),
  replies: num('FAULTS_REPLIES', 300),
  replays: num('FAULTS_REPLAYS', 1000),
  contacts: num('FAULTS_CONTACTS', 300),
  outageMs: num('FAULTS_OUTAGE_S', 20) * 1000,
};
const only = (process.env.FAULTS_ONLY ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);

say('Building the api...');
nx(['run', 'api:build', '--outputStyle=static'], { quiet: true });

const { startPostgres, startRedis, freePort } = await import('./lib/fault-services.mjs');
const { AppProcess } = await import('./lib/fault-processes.mjs');
const { login } = await import('./lib/fault-client.mjs');
const scenarios = await import('./lib/fault-scenarios.mjs');
const { Pool } = require(join(root, 'node_modules/pg'));

const dir = mkdtempSync(join(tmpdir(), 'touchpoint-faults-'));
const logDir = join(dir, 'logs');
mkdirSync(logDir);
const ctx = { numbers, logDir, redisDir: join(dir, 'redis'), apis: [], worker: null };
const rows = [];
let cleaned = false;

async function cleanUp() {
  if (cleaned) return;
  cleaned = true;
  for (const p of [...ctx.apis, ctx.worker].filter(Boolean)) await p.kill().catch(() => {});
  await ctx.db?.end().catch(() => {});
  await ctx.redis?.kill().catch(() => {});
  ctx.pg?.stopQuietly();
  const failed = rows.some((r) => r.result !== 'PASS');
  if (failed) {
    // The processes' logs explain a failed row; the database and Redis go.
    const kept = mkdtempSync(join(tmpdir(), 'touchpoint-faults-logs-'));
    cpSync(logDir, kept, { recursive: true });
    say(`\nLogs of the api and worker processes: ${kept}`);
  }
  rmSync(dir, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    say(`\n${signal}: stopping what the fault suite started...`);
    void cleanUp().finally(() => process.exit(130));
  });
}

// A scenario's background step that failed is reported by the scenario; it must not end the run
// before the clean-up.
process.on('unhandledRejection', (err) =>
  say(`    (background step failed: ${err?.message ?? err})`),
);

/** Every process of the installation up again (a failed scenario may leave one down). */
async function ensureRunning() {
  for (const p of [...ctx.apis, ctx.worker]) if (!p.alive) await p.start();
}

try {
  say('Starting PostgreSQL and Redis on spare ports...');
  ctx.pg = await startPostgres(join(dir, 'pg'));
  ctx.redis = await startRedis(ctx.redisDir);
  const admin = new Pool({ connectionString: ctx.pg.url('postgres'), max: 1 });
  await admin.query('CREATE DATABASE touchpoint');
  await admin.end();
  ctx.db = new Pool({ connectionString: ctx.pg.url('touchpoint'), max: 4 });
  // PostgreSQL is stopped on purpose in one scenario: idle connections then end with an error.
  ctx.db.on('error', () => {});
  const email = 'admin@faults.test';
  const password = `faults-${Math.random().toString(36).slice(2)}-password`;
  ctx.env = {
    NODE_ENV: 'production',
    DATABASE_URL: ctx.pg.url('touchpoint'),
    REDIS_URL: ctx.redis.url,
    HOST: '127.0.0.1',
    PUBLIC_URL: 'http://127.0.0.1',
    SEED_DEMO: 'false',
    ADMIN_EMAIL: email,
    ADMIN_PASSWORD: password,
    JWT_SECRET: Array.from({ length: 48 }, () => Math.floor(Math.random() * 16).toString(16)).join(
      '',
    ),
    JWT_ACCESS_TTL: '3600',
    WEB_DIST: join(dir, 'no-web'),
    STORAGE_DIR: join(dir, 'storage'),
    SMTP_PORT: '0',
    // The reply receiver listens on loopback.
    OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
  };
  const proc = async (name, role) =>
    new AppProcess(name, role, { ...ctx.env, PORT: String(await freePort()) }, logDir);
  ctx.apis = [await proc('api-1', 'api'), await proc('api-2', 'api')];
  ctx.worker = await proc('worker', 'worker');
  say('Starting two api processes and a worker...');
  // The first api migrates the database; the others start on it.
  await ctx.apis[0].start();
  await Promise.all([ctx.apis[1].start(), ctx.worker.start()]);
  ctx.token = await login(ctx.apis[0].url, email, password);
  say(
    `Sizes: ${numbers.messages} messages per flood from ${numbers.contacts} customers, ` +
      `${numbers.replies} replies, ${numbers.replays} replayed deliveries, PostgreSQL outage ${numbers.outageMs / 1000} s`,
  );

  const plan = [
    ['1', 'worker kill -9 x3 in flood', scenarios.workerKills],
    ['2', 'api kill -9 in flood', scenarios.apiKills],
    ['3', 'Redis killed, back empty', scenarios.redisLoss],
    ['4', 'Redis allkeys-lru', scenarios.evictingRedis],
    ['5', 'PostgreSQL stopped', scenarios.databaseOutage],
    ['6', 'replies with worker kills', scenarios.repliesWithKills],
    ['7', 'replay storm', scenarios.replayStorm],
  ];
  for (const [n, name, scenario] of plan) {
    if (only.length && !only.includes(n)) continue;
    const t = Date.now();
    say(`\n==> ${n} ${name}`);
    try {
      await ensureRunning();
      const result = await scenario(ctx);
      rows.push(...result);
      for (const r of result) say(`    ${r.result} ${r.scenario}: ${r.counts}`);
    } catch (err) {
      rows.push({
        scenario: `${n} ${name}`,
        checked: 'the scenario itself ran',
        counts: `broke: ${String(err?.stack ?? err)
          .split('\n')
          .slice(0, 3)
          .join(' ')}`,
        recovery: '-',
        result: 'FAIL',
      });
      say(`    FAIL ${name}: ${err?.stack ?? err}`);
    }
    say(`    (${((Date.now() - t) / 1000).toFixed(0)} s)`);
  }
} catch (err) {
  rows.push({
    scenario: 'setup',
    checked: 'own PostgreSQL, Redis, two apis and a worker started',
    counts: String(err?.message ?? err).slice(0, 400),
    recovery: '-',
    result: 'FAIL',
  });
} finally {
  await cleanUp();
}

const failed = rows.filter((r) => r.result !== 'PASS').length;
say('\n==> Fault suite: what was broken and what held\n');
say(formatTable(rows));
say(
  `\nfaults: ${rows.length - failed} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
process.exit(failed > 0 || rows.length === 0 ? 1 : 0);
