import { AppConfig, ConfigError } from '../../config/app-config';
import { checkServices, PreflightError } from './preflight';

/**
 * `preflight [--server-only]`: exits 1 with a readable message when PostgreSQL or Redis of the
 * configuration cannot be reached. `--server-only` checks the PostgreSQL server, not the database.
 */
async function main(): Promise<void> {
  const config = AppConfig.load();
  const databaseUrl = new URL(config.database.url);
  if (process.argv.includes('--server-only')) databaseUrl.pathname = '/postgres';
  await checkServices(
    { databaseUrl: databaseUrl.toString(), redisUrl: config.redis.url },
    { createDatabase: false },
  );
}

main().catch((err: Error) => {
  const known = err instanceof ConfigError || err instanceof PreflightError;
  process.stderr.write(`\n${known ? err.message : err.stack}\n\n`);
  process.exit(1);
});
