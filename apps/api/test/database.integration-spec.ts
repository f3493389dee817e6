import { DataSource } from 'typeorm';
import { createDataSource } from '../src/database/data-source';
import { migrateDown, migrateUp } from '../src/database/migrator';
import { migrations } from '../src/database/migrations';
import { prepareDatabase } from '../src/database/prepare-database';
import { DEMO_USERS } from '../src/database/seeds/demo-workspace';
import { testConfig } from './helpers/test-app';
import { createFileDatabase, fileRedisPrefix } from './helpers/test-database';

async function tables(ds: DataSource): Promise<string[]> {
  const rows: { table_name: string }[] = await ds.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

describe('database', () => {
  describe('migrations on an empty database', () => {
    let ds: DataSource;
    let url: string;
    beforeAll(async () => {
      url = await createFileDatabase({ empty: true });
      ds = createDataSource(testConfig(url, fileRedisPrefix()));
      await ds.initialize();
    });
    afterAll(() => ds.destroy());

    it('go all the way up, twice without harm, and all the way down', async () => {
      expect(await tables(ds)).toEqual([]);
      const applied = await migrateUp(ds);
      expect(applied).toHaveLength(migrations.length);
      expect(await tables(ds)).toEqual(
        expect.arrayContaining([
          'migrations',
          'refresh_tokens',
          'team_memberships',
          'teams',
          'users',
          'workspace',
        ]),
      );
      expect(await migrateUp(ds)).toHaveLength(0);

      const reverted = await migrateDown(ds, Infinity);
      expect(reverted).toBe(migrations.length);
      expect(await tables(ds)).toEqual(['migrations']);

      // And up again: down really undid everything.
      expect(await migrateUp(ds)).toHaveLength(migrations.length);
    });

    it('vacuum the queue tables after a fixed number of dead rows, not a share of the table', async () => {
      await migrateUp(ds);
      const rows: { relname: string; reloptions: string[] | null }[] = await ds.query(
        `SELECT relname, reloptions FROM pg_class
          WHERE relname IN ('inbound_events', 'outbox_events', 'messages') ORDER BY relname`,
      );
      const options = Object.fromEntries(rows.map((r) => [r.relname, r.reloptions ?? []]));
      for (const queue of ['inbound_events', 'outbox_events'])
        expect(options[queue]).toEqual(
          expect.arrayContaining([
            'autovacuum_vacuum_scale_factor=0',
            'autovacuum_vacuum_threshold=5000',
          ]),
        );
      // History tables keep PostgreSQL's defaults.
      expect(options.messages).toEqual([]);
    });

    it('survive two processes migrating at the same time', async () => {
      await migrateDown(ds, Infinity);
      const other = createDataSource(testConfig(url, fileRedisPrefix()));
      await other.initialize();
      try {
        const [a, b] = await Promise.all([migrateUp(ds), migrateUp(other)]);
        expect(a.length + b.length).toBe(migrations.length);
      } finally {
        await other.destroy();
      }
    });
  });

  describe('workspace bootstrap', () => {
    it('seeds the demo workspace once into an empty database', async () => {
      const url = await createFileDatabase({ empty: true });
      const config = testConfig(url, fileRedisPrefix(), { SEED_DEMO: 'true' });
      const ds = createDataSource(config);
      await ds.initialize();
      try {
        expect(await prepareDatabase(ds, config)).toEqual({
          outcome: 'demo-seeded',
          hasDemoUsers: true,
        });
        expect(await prepareDatabase(ds, config)).toEqual({
          outcome: 'existing',
          hasDemoUsers: true,
        });

        const [workspace] = await ds.query('SELECT name FROM workspace');
        expect(workspace.name).toBe('Beispiel GmbH');
        const users: { email: string; role: string; teams: string[] }[] = await ds.query(
          `SELECT u.email, u.role, coalesce(array_agg(t.name ORDER BY t.name) FILTER (WHERE t.name IS NOT NULL), '{}') AS teams
           FROM users u LEFT JOIN team_memberships m ON m.user_id = u.id LEFT JOIN teams t ON t.id = m.team_id
           GROUP BY u.email, u.role ORDER BY u.email`,
        );
        expect(users).toHaveLength(DEMO_USERS.length);
        expect(users).toEqual(
          expect.arrayContaining([
            { email: 'admin@example.com', role: 'admin', teams: [] },
            {
              email: 'supervisor@example.com',
              role: 'supervisor',
              teams: ['Marketing', 'Sales', 'Service'],
            },
            { email: 'anna@example.com', role: 'agent', teams: ['Service'] },
            { email: 'ben@example.com', role: 'agent', teams: ['Service'] },
            { email: 'clara@example.com', role: 'agent', teams: ['Sales'] },
            { email: 'david@example.com', role: 'agent', teams: ['Sales'] },
            { email: 'eva@example.com', role: 'agent', teams: ['Marketing'] },
          ]),
        );
      } finally {
        await ds.destroy();
      }
    });

    it('with SEED_DEMO=false creates only the workspace and the configured first admin', async () => {
      const url = await createFileDatabase({ empty: true });
      const config = testConfig(url, fileRedisPrefix(), {
        SEED_DEMO: 'false',
        WORKSPACE_NAME: 'Muster AG',
        ADMIN_EMAIL: 'Chef@Muster.test',
        ADMIN_PASSWORD: 'a-long-secret',
      });
      const ds = createDataSource(config);
      await ds.initialize();
      try {
        expect(await prepareDatabase(ds, config)).toEqual({
          outcome: 'admin-created',
          hasDemoUsers: false,
        });
        expect(await ds.query('SELECT email, role FROM users')).toEqual([
          { email: 'chef@muster.test', role: 'admin' },
        ]);
        expect(await ds.query('SELECT name FROM workspace')).toEqual([{ name: 'Muster AG' }]);
      } finally {
        await ds.destroy();
      }
    });
  });
});
