import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Domain events stored in the transaction of the change they announce (a transactional outbox):
 * published after commit and marked relayed, or relayed later by a sweeper when the process died in
 * between. Relayed rows are purged after a day.
 */
export class OutboxEvents1765000400000 implements MigrationInterface {
  name = 'OutboxEvents1765000400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "outbox_events" (
      "id" bigserial PRIMARY KEY,
      "name" varchar(100) NOT NULL,
      "payload" jsonb NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "relayed_at" timestamptz
    )`);
    // The sweeper reads the few pending rows in id order; the purge finds old relayed ones.
    await q.query(
      `CREATE INDEX "outbox_events_pending_idx" ON "outbox_events" ("id") WHERE "relayed_at" IS NULL`,
    );
    await q.query(
      `CREATE INDEX "outbox_events_relayed_at_idx" ON "outbox_events" ("relayed_at") WHERE "relayed_at" IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "outbox_events"`);
  }
}
