import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { AppConfig } from '../../src/config/app-config';
import { checkServices, PreflightError } from '../../src/core/preflight/preflight';
import { createDataSource } from '../../src/database/data-source';
import { migrateUp } from '../../src/database/migrator';
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, TEST_DB_PREFIX, TEST_ENV } from './test-env';

/**
 * Makes this run's template database (migrated once; each test file copies it) and Redis key prefix.
 * The teardown drops them, after failures too. Leftovers of runs that crashed over six hours ago go here.
 */
export default async function globalSetup(): Promise<void> {
  const adminUrl = new URL(DEFAULT_DATABASE_URL);
  adminUrl.pathname = '/postgres';
  try {
    await checkServices(
      { databaseUrl: adminUrl.toString(), redisUrl: DEFAULT_REDIS_URL },
      { createDatabase: false },
    );
  } catch (err) {
    if (err instanceof PreflightError) {
      process.stderr.write(`\nThe api tests need PostgreSQL and Redis.\n${err.message}\n\n`);
      process.exit(1);
    }
    throw err;
  }

  const stamp = Date.now().toString(36);
  const name = `${TEST_DB_PREFIX}${stamp}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  try {
    await dropStale(admin);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const dbUrl = new URL(DEFAULT_DATABASE_URL);
  dbUrl.pathname = `/${name}`;

  const ds = createDataSource(
    AppConfig.load({
      DATABASE_URL: dbUrl.toString(),
      ROLE: 'api',
      JWT_SECRET: randomBytes(32).toString('hex'),
    }),
  );
  await ds.initialize();
  try {
    await migrateUp(ds);
  } finally {
    await ds.destroy();
  }

  process.env[TEST_ENV.databaseUrl] = dbUrl.toString();
  process.env[TEST_ENV.adminUrl] = adminUrl.toString();
  process.env[TEST_ENV.redisPrefix] = `tptest-${stamp}-${randomBytes(3).toString('hex')}`;
}

async function dropStale(admin: Client): Promise<void> {
  const rows = await admin.query<{ datname: string }>(
    'SELECT datname FROM pg_database WHERE datname LIKE $1',
    [`${TEST_DB_PREFIX}%`],
  );
  const cutoff = Date.now() - 6 * 3600 * 1000;
  for (const { datname } of rows.rows) {
    const created = parseInt(datname.slice(TEST_DB_PREFIX.length).split('_')[0], 36);
    if (Number.isFinite(created) && created < cutoff) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    }
  }
}
