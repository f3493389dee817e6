import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { TEST_ENV } from '../setup/test-env';

function runEnv() {
  const template = process.env[TEST_ENV.databaseUrl];
  const adminUrl = process.env[TEST_ENV.adminUrl];
  const prefix = process.env[TEST_ENV.redisPrefix];
  if (!template || !adminUrl || !prefix)
    throw new Error('Run the api tests through jest: its global setup makes the database');
  return { template, adminUrl, prefix };
}

/**
 * A database of this test file's own: a copy of the run's migrated template (or empty), so files
 * running in parallel never see each other's rows. The global teardown drops it.
 */
export async function createFileDatabase(opts: { empty?: boolean } = {}): Promise<string> {
  const { template, adminUrl } = runEnv();
  const templateName = new URL(template).pathname.slice(1);
  const name = `${templateName}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(
          `CREATE DATABASE "${name}"${opts.empty ? '' : ` TEMPLATE "${templateName}"`}`,
        );
        break;
      } catch (err) {
        // Two files copying the template at the same instant: PostgreSQL allows one at a time.
        if (attempt >= 20 || !/being accessed by other users/.test((err as Error).message))
          throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  const url = new URL(template);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A Redis key prefix of this test file's own (queues, throttling, presence). */
export function fileRedisPrefix(): string {
  return `${runEnv().prefix}-${randomBytes(3).toString('hex')}`;
}
