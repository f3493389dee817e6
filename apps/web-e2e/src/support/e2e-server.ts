import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { poll } from './api';
import { artifactsDir, workspaceRoot } from './e2e-env';

export interface E2eServer {
  process: ChildProcess;
  url: string;
  /** The server's SMTP intake (customers' mail arrives there). */
  smtpPort: number;
  databaseName: string;
  adminUrl: string;
  redisPrefix: string;
  output: string[];
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * The built server (ROLE=all) on a fresh database with the demo workspace, as `npm start` would
 * start it, plus `env` (e.g. a model server for AI help).
 */
export async function startE2eServer(env: Record<string, string> = {}): Promise<E2eServer> {
  const entry = join(workspaceRoot, 'dist/apps/api/apps/api/src/main.js');
  if (!existsSync(entry))
    throw new Error('Build first: npm run build (npm run e2e does it for you)');
  mkdirSync(artifactsDir, { recursive: true });

  const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  base.pathname = '/postgres';
  const databaseName = `touchpoint_e2e_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${databaseName}"`);
  await admin.end();
  const databaseUrl = new URL(base);
  databaseUrl.pathname = `/${databaseName}`;

  const port = await freePort();
  const smtpPort = await freePort();
  const demoMailPort = await freePort();
  const redisPrefix = `tpe2e-${randomBytes(4).toString('hex')}`;
  const output: string[] = [];
  const child = spawn(process.execPath, [entry], {
    cwd: workspaceRoot,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: databaseUrl.toString(),
      REDIS_PREFIX: redisPrefix,
      SEED_DEMO: 'true',
      SMTP_PORT: String(smtpPort),
      // The demo's mail is caught by the server itself, on a port of this run's own.
      DEMO_MAIL_RELAY: `127.0.0.1:${demoMailPort}`,
      // The callback fakes listen on loopback.
      OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
      LOG_LEVEL: 'warn',
      // Explicit, so the browser tests leave no generated secret behind in the working copy.
      JWT_SECRET: randomBytes(32).toString('hex'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  const server: E2eServer = {
    process: child,
    url: `http://127.0.0.1:${port}`,
    smtpPort,
    databaseName,
    adminUrl: base.toString(),
    redisPrefix,
    output,
  };

  const healthy = await poll(async () => {
    if (child.exitCode !== null) throw new Error(`The server exited:\n${output.join('')}`);
    // Not listening yet is an answer too: ask again.
    return fetch(`${server.url}/api/health`).then(
      (res) => res.ok,
      () => false,
    );
  }, 60_000);
  if (!healthy) {
    await stopE2eServer(server);
    throw new Error(`The server did not become healthy in 60 s:\n${output.join('')}`);
  }
  return server;
}

/** Stops the server, drops its database and deletes its Redis keys. */
export async function stopE2eServer(server: E2eServer): Promise<void> {
  if (server.process.exitCode === null) {
    const exited = new Promise((r) => server.process.once('exit', r));
    server.process.kill('SIGTERM');
    // A server that does not stop in 10 s is killed; either way the database is dropped only once it exited.
    const hard = setTimeout(() => server.process.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(hard);
  }
  const admin = new Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${server.databaseName}" WITH (FORCE)`);
  await admin.end();

  const redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
    maxRetriesPerRequest: 1,
  });
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${server.redisPrefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.unlink(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}
