import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { poll } from './api';
import { E2E_ENV, artifactsDir, workspaceRoot } from './e2e-env';

export interface E2eServer {
  process: ChildProcess;
  databaseName: string;
  adminUrl: string;
  redisPrefix: string;
  output: string[];
}

declare global {
  var __touchpointE2e: E2eServer | undefined;
}

function freePort(): Promise<number> {
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

/** Starts the built server (ROLE=all) on a fresh database with the demo workspace, as `npm start` would. */
export default async function globalSetup(): Promise<void> {
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
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  globalThis.__touchpointE2e = {
    process: child,
    databaseName,
    adminUrl: base.toString(),
    redisPrefix,
    output,
  };

  const url = `http://127.0.0.1:${port}`;
  const healthy = await poll(async () => {
    if (child.exitCode !== null) throw new Error(`The server exited:\n${output.join('')}`);
    // Not listening yet is an answer too: ask again.
    return fetch(`${url}/api/health`).then(
      (res) => res.ok,
      () => false,
    );
  }, 60_000);
  if (!healthy) throw new Error(`The server did not become healthy in 60 s:\n${output.join('')}`);
  process.env[E2E_ENV.baseUrl] = url;
  process.env[E2E_ENV.smtpPort] = String(smtpPort);
}
