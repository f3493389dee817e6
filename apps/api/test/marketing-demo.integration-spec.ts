import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { JOBS, QUEUES } from '../src/core/queue/queue.constants';
import { drainQueues } from './helpers/drain-queues';
import { startTestApp, type TestApp } from './helpers/test-app';
import { createFileDatabase } from './helpers/test-database';

/*
 * The demo: Service's open and pending conversations hold their customers for marketing, Sales'
 * never do. A seeded database gets its holds from the sweep, as any change behind the events' back.
 */
describe('marketing stop in the demo', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: 'true' }, await createFileDatabase({ empty: true }));
  }, 60_000);
  afterAll(() => t?.close());

  it('holds the customers of Service’s unresolved conversations and none of Sales’', async () => {
    const teams: { name: string; holds_marketing: string }[] = await t.db.query(
      'SELECT name, holds_marketing FROM teams ORDER BY name',
    );
    expect(teams).toEqual([
      { name: 'Marketing', holds_marketing: 'open_and_pending' },
      { name: 'Sales', holds_marketing: 'none' },
      { name: 'Service', holds_marketing: 'open_and_pending' },
    ]);

    await t.app.get<Queue>(getQueueToken(QUEUES.marketing)).add(JOBS.sweepMarketingHolds, {});
    await drainQueues(t);

    const unresolved: { contact_id: string; team: string }[] = await t.db.query(
      `SELECT c.contact_id, t.name AS team FROM conversations c JOIN teams t ON t.id = c.team_id
        WHERE c.status <> 'resolved' AND t.name IN ('Service', 'Sales')`,
    );
    const service = new Set(
      unresolved.filter((c) => c.team === 'Service').map((c) => c.contact_id),
    );
    const salesOnly = unresolved
      .filter((c) => c.team === 'Sales' && !service.has(c.contact_id))
      .map((c) => c.contact_id);
    expect(service.size).toBeGreaterThan(0);
    expect(salesOnly.length).toBeGreaterThan(0);

    const held: { contact_id: string }[] = await t.db.query(
      'SELECT contact_id FROM marketing_holds WHERE ended_at IS NULL',
    );
    const heldIds = new Set(held.map((h) => h.contact_id));
    for (const id of service) expect(heldIds.has(id)).toBe(true);
    for (const id of salesOnly) expect(heldIds.has(id)).toBe(false);
  });
});
