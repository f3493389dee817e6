import IORedis from 'ioredis';
import { Client } from 'pg';
import { evictionPolicyProblem, readEvictionPolicy, redactUrl } from '../redis/redis-policy';

export interface ServiceUrls {
  databaseUrl: string;
  redisUrl: string;
}

/** A dependency is missing: `message` says which URL failed and how to start the service. */
export class PreflightError extends Error {}

const redact = redactUrl;

const HOW_TO_START = {
  postgres: [
    '  Start PostgreSQL, for example:',
    '    Debian/Ubuntu:  sudo pg_ctlcluster $(ls /etc/postgresql) main start',
    '    macOS (brew):   brew services start postgresql',
    '    Docker:         docker compose -f docker/compose.yml up -d postgres',
    '  or point DATABASE_URL (in .env) at a running server.',
  ],
  redis: [
    '  Start Redis, for example:',
    '    Debian/Ubuntu:  sudo redis-server --daemonize yes',
    '    macOS (brew):   brew services start redis',
    '    Docker:         docker compose -f docker/compose.yml up -d redis',
    '  or point REDIS_URL (in .env) at a running server.',
  ],
};

/**
 * Checks that PostgreSQL and Redis answer before anything else starts, so a missing service is one
 * readable message instead of a stack trace, and that Redis never evicts queue keys. Creates the
 * database if the server lacks it.
 */
export async function checkServices(
  urls: ServiceUrls,
  options: { createDatabase?: boolean } = {},
): Promise<string[]> {
  const notes: string[] = [];
  const problems: string[] = [];

  try {
    if (await ensureDatabase(urls.databaseUrl, options.createDatabase ?? true)) {
      notes.push(`Created database ${new URL(urls.databaseUrl).pathname.slice(1)}`);
    }
  } catch (err) {
    problems.push(
      [
        `Cannot reach PostgreSQL at ${redact(urls.databaseUrl)}: ${(err as Error).message}`,
        ...HOW_TO_START.postgres,
      ].join('\n'),
    );
  }

  const redis = new IORedis(urls.redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 3000,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    // Unreadable (CONFIG and INFO refused) is left to the app, which warns once.
    const problem = evictionPolicyProblem(urls.redisUrl, await readEvictionPolicy(redis));
    if (problem) problems.push(problem);
  } catch (err) {
    problems.push(
      [
        `Cannot reach Redis at ${redact(urls.redisUrl)}: ${(err as Error).message}`,
        ...HOW_TO_START.redis,
      ].join('\n'),
    );
  } finally {
    redis.disconnect();
  }

  if (problems.length) throw new PreflightError(problems.join('\n\n'));
  return notes;
}

/** Returns true if it had to create the database. */
async function ensureDatabase(databaseUrl: string, create: boolean): Promise<boolean> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return false;
  } catch (err) {
    if ((err as { code?: string }).code !== '3D000' || !create) throw err;
  } finally {
    await client.end().catch(() => undefined);
  }
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString(), connectionTimeoutMillis: 3000 });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } catch (err) {
    if ((err as { code?: string }).code !== '42P04') throw err;
  } finally {
    await admin.end();
  }
  return true;
}
