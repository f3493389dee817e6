import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Workers claim fresh inbound events (pending, never tried) in arrival order, a batch at a time; the
 * sweeper looks at the few pending ones that were tried. Both read small partial indexes, however
 * many processed events the table holds.
 */
export class IntakeBatches1765000500000 implements MigrationInterface {
  name = 'IntakeBatches1765000500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "inbound_events_fresh_idx" ON "inbound_events" ("created_at", "id")
       WHERE "status" = 'pending' AND "attempts" = 0`,
    );
    await q.query(
      `CREATE INDEX "inbound_events_tried_idx" ON "inbound_events" ("created_at", "id")
       WHERE "status" = 'pending' AND "attempts" > 0`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "inbound_events_tried_idx"`);
    await q.query(`DROP INDEX "inbound_events_fresh_idx"`);
  }
}
