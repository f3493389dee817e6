import type { DataSource } from 'typeorm';

/** Dead rows a queue table may hold before it is vacuumed (as its autovacuum settings say too). */
export const QUEUE_VACUUM_DEAD_ROWS = 5000;

/**
 * VACUUMs a queue table (rows written, then finished by an update) once it holds more than
 * `threshold` dead rows. Its workers find unfinished rows through a partial index, and every
 * finished row leaves a dead entry there that each claim walks past until VACUUM removes it. The
 * table's autovacuum settings ask for the same, but autovacuum may be switched off, or wakes only
 * once a minute; this runs from the table's own sweeper. SKIP_LOCKED: a vacuum already running
 * (autovacuum's, another worker's) is left to finish. Answers whether it vacuumed.
 */
export async function vacuumQueueTable(
  db: DataSource,
  table: string,
  threshold = QUEUE_VACUUM_DEAD_ROWS,
): Promise<boolean> {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`Not a table name: ${table}`);
  const [row]: { dead: string | null }[] = await db.query(
    `SELECT n_dead_tup AS dead FROM pg_stat_user_tables
      WHERE relname = $1 AND schemaname = current_schema()`,
    [table],
  );
  if (Number(row?.dead ?? 0) <= threshold) return false;
  // Not in a transaction: VACUUM refuses to run inside one.
  await db.query(`VACUUM (SKIP_LOCKED, ANALYZE) "${table}"`);
  return true;
}
