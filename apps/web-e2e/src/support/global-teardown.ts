import IORedis from 'ioredis';
import { Client } from 'pg';

/** Stops the server, drops its database and deletes its Redis keys. */
export default async function globalTeardown(): Promise<void> {
  const server = globalThis.__touchpointE2e;
  if (!server) return;
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
