import 'reflect-metadata';
import { AppConfig, ConfigError } from '../config/app-config';
import { checkServices, PreflightError } from '../core/preflight/preflight';
import { createDataSource } from './data-source';
import { migrateDown, migrateUp } from './migrator';

/** `migrate up` applies every pending migration; `migrate down [steps|all]` reverts the newest ones (default 1). */
async function main(): Promise<void> {
  const [direction = 'up', stepsArg = '1'] = process.argv.slice(2);
  if (!['up', 'down'].includes(direction) || !/^(\d+|all)$/.test(stepsArg)) {
    throw new ConfigError(['usage: migrate up | migrate down [steps|all]']);
  }
  const config = AppConfig.load();
  await checkServices({ databaseUrl: config.database.url, redisUrl: config.redis.url });
  const ds = createDataSource(config);
  await ds.initialize();
  try {
    if (direction === 'up') {
      const applied = await migrateUp(ds);
      console.log(
        applied.length
          ? `Applied ${applied.map((m) => m.name).join(', ')}`
          : 'Database is up to date',
      );
    } else {
      const reverted = await migrateDown(ds, stepsArg === 'all' ? Infinity : Number(stepsArg));
      console.log(`Reverted ${reverted} migration(s)`);
    }
  } finally {
    await ds.destroy();
  }
}

main().catch((err: Error) => {
  const known = err instanceof ConfigError || err instanceof PreflightError;
  process.stderr.write(`\n${known ? err.message : `Migration failed: ${err.message}`}\n\n`);
  process.exit(1);
});
