import IORedis from 'ioredis';
import { Client } from 'pg';
import { DEFAULT_REDIS_URL, TEST_ENV } from './test-env';

/** Drops the run's databases (template and per-file copies) and Redis keys; runs after failing suites too. */
export default async function globalTeardown(): Promise<void> {
  const dbUrl = process.env[TEST_ENV.databaseUrl];
  const adminUrl = process.env[TEST_ENV.adminUrl];
  const prefix = process.env[TEST_ENV.redisPrefix];

  if (dbUrl && adminUrl) {
    const name = new URL(dbUrl).pathname.slice(1);
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      const rows = await admin.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE datname LIKE $1',
        [`${name}%`],
      );
      for (const { datname } of rows.rows)
        await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }
  if (prefix) await deleteKeys(prefix);
}

export async function deleteKeys(prefix: string): Promise<void> {
  const redis = new IORedis(DEFAULT_REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
