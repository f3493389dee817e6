import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../src/config/app-config';
import type { Env } from '../../src/config/env.schema';
import type { PreparedDatabase } from '../../src/database/prepare-database';
import { startHttpApp } from '../../src/http-app';
import { createFileDatabase, fileRedisPrefix } from './test-database';

export type EnvOverrides = Partial<Record<keyof Env, string>>;

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  db: DataSource;
  /** What the start did to the database (e.g. seeded the demo, or found a workspace). */
  database: PreparedDatabase;
  /** e.g. http://127.0.0.1:43121 */
  url: string;
  close(): Promise<void>;
}

/** One signing secret per test file, so apps started by one file accept each other's tokens. */
const JWT_SECRET = randomBytes(32).toString('hex');

/** Test-friendly configuration on the given database and Redis prefix, plus `overrides`. */
export function testConfig(
  databaseUrl: string,
  redisPrefix: string,
  overrides: EnvOverrides = {},
): AppConfig {
  return AppConfig.load(
    {
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: redisPrefix,
      PORT: '0',
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      // Tests that seed the demo would all catch mail on its relay port; the mailbox test opts in.
      DEMO_MAILBOX: 'false',
      LOG_LEVEL: 'silent',
      WEB_DIST: '/nonexistent',
      STORAGE_DIR: join(tmpdir(), 'touchpoint-test-storage'),
      QUEUE_BACKOFF_MS: '20',
      SMTP_PORT: '0',
      // The fakes of SMTP relays, callbacks and file hosts listen on loopback.
      OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
      JWT_SECRET,
    },
    overrides,
  );
}

/**
 * Starts the same HTTP app production runs (migrations, workers with ROLE=all) on a free loopback
 * port, on a database and Redis prefix of its own unless `databaseUrl`/`REDIS_PREFIX` are given.
 */
export async function startTestApp(
  overrides: EnvOverrides = {},
  databaseUrl?: string,
): Promise<TestApp> {
  const config = testConfig(
    databaseUrl ?? (await createFileDatabase()),
    fileRedisPrefix(),
    overrides,
  );
  const { app, database } = await startHttpApp(config);
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    config,
    db: app.get(DataSource),
    database,
    url: `http://127.0.0.1:${port}`,
    close: () => app.close(),
  };
}
