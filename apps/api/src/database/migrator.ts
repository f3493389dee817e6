import type { DataSource, Migration } from 'typeorm';

/** Serialises schema changes between processes that start at the same time (api and worker nodes). */
const MIGRATION_LOCK = 724_311_001;

async function withMigrationLock<T>(ds: DataSource, work: () => Promise<T>): Promise<T> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return await work();
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

export function migrateUp(ds: DataSource): Promise<Migration[]> {
  return withMigrationLock(ds, () => ds.runMigrations({ transaction: 'each' }));
}

/** Reverts the newest `steps` migrations (all of them with `Infinity`). */
export function migrateDown(ds: DataSource, steps = 1): Promise<number> {
  return withMigrationLock(ds, async () => {
    let reverted = 0;
    while (reverted < steps) {
      const executed = await ds.query(
        `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'migrations'`,
      );
      if (executed[0].n === 0) break;
      const rows: { n: number }[] = await ds.query('SELECT count(*)::int AS n FROM "migrations"');
      if (rows[0].n === 0) break;
      await ds.undoLastMigration({ transaction: 'each' });
      reverted++;
    }
    return reverted;
  });
}
