import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { migrateUp } from './migrator';
import { bootstrapWorkspace, type BootstrapOutcome } from './seeds/bootstrap-workspace';
import { DEMO_USERS } from './seeds/demo-workspace';

export interface PreparedDatabase {
  outcome: BootstrapOutcome;
  /** The demo accounts exist (so the start banner may list them). */
  hasDemoUsers: boolean;
}

/** Brings the schema up to date and fills an empty workspace; safe when several processes start at once. */
export async function prepareDatabase(
  ds: DataSource,
  config: AppConfig,
): Promise<PreparedDatabase> {
  if (config.database.migrationsRun) await migrateUp(ds);
  const outcome = await bootstrapWorkspace(ds, config);
  const rows: { n: number }[] = await ds.query(
    'SELECT count(*)::int AS n FROM users WHERE email = $1 AND active',
    [DEMO_USERS[0].email],
  );
  return { outcome, hasDemoUsers: rows[0].n > 0 };
}
