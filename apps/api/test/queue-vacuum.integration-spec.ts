import { DataSource } from 'typeorm';
import { vacuumQueueTable } from '../src/core/database/queue-vacuum';
import { createDataSource } from '../src/database/data-source';
import { migrateUp } from '../src/database/migrator';
import { testConfig } from './helpers/test-app';
import { createFileDatabase, fileRedisPrefix } from './helpers/test-database';
import { waitFor } from './helpers/wait';

/** What the claim of fresh deliveries reads to find its rows (see InboundDrainService). */
const CLAIM = `SELECT id FROM inbound_events WHERE status = 'pending' AND attempts = 0
                ORDER BY created_at, id LIMIT 64`;

describe('queue tables are vacuumed by their sweepers', () => {
  let ds: DataSource;
  beforeAll(async () => {
    const url = await createFileDatabase({ empty: true });
    ds = createDataSource(testConfig(url, fileRedisPrefix()));
    await ds.initialize();
    await migrateUp(ds);
    // The drain's path, compressed: deliveries stored, claimed, then finished.
    const [{ id: teamId }] = await ds.query(`INSERT INTO teams (name) VALUES ('T') RETURNING id`);
    const [{ id: channelId }] = await ds.query(
      `INSERT INTO channels (kind, name, team_id, config, enabled)
       VALUES ('api', 'Vacuum', $1, '{"secret":"0123456789abcdef"}', true) RETURNING id`,
      [teamId],
    );
    await ds.query(
      `INSERT INTO inbound_events (channel_id, provider_message_id, payload)
       SELECT $1, 'm-' || g, '{}' FROM generate_series(1, 400) g`,
      [channelId],
    );
    await ds.query(`UPDATE inbound_events SET attempts = 1`);
    await ds.query(`UPDATE inbound_events SET status = 'processed', processed_at = now()`);
  });
  afterAll(() => ds?.destroy());

  const stats = async () =>
    (
      await ds.query(
        `SELECT n_dead_tup::int AS dead, vacuum_count::int AS vacuums FROM pg_stat_user_tables
          WHERE relname = 'inbound_events'`,
      )
    )[0] as { dead: number; vacuums: number };

  /** Index pages the claim reads: each finished delivery not yet vacuumed is one more entry. */
  const claimReads = async () => {
    const [{ 'QUERY PLAN': plan }] = await ds.query(
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${CLAIM}`,
    );
    const top = (
      plan as { Plan: { 'Shared Hit Blocks': number; 'Shared Read Blocks': number } }[]
    )[0].Plan;
    return top['Shared Hit Blocks'] + top['Shared Read Blocks'];
  };

  it('leaves a table with few dead rows alone, and vacuums one past the threshold', async () => {
    // PostgreSQL's statistics arrive a moment after the transactions that made them.
    await waitFor('the dead rows counted', async () => (await stats()).dead >= 800);
    const before = await claimReads();
    expect(await vacuumQueueTable(ds, 'inbound_events', 10_000)).toBe(false);
    expect((await stats()).vacuums).toBe(0);

    expect(await vacuumQueueTable(ds, 'inbound_events', 100)).toBe(true);
    expect((await stats()).vacuums).toBe(1);
    // The claim no longer walks past the finished deliveries.
    expect(await claimReads()).toBeLessThan(before);
  });

  it('refuses anything but a plain table name', async () => {
    await expect(vacuumQueueTable(ds, 'inbound_events; DROP TABLE users')).rejects.toThrow(
      /Not a table name/,
    );
  });
});
