import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When each SLA step of a handoff fired (reminder and escalation, for accepting and for answering),
 * so a sweep fires from PostgreSQL what Redis lost, and every step fires once.
 */
export class HandoffSlaSteps1765000200000 implements MigrationInterface {
  name = 'HandoffSlaSteps1765000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "handoffs"
      ADD COLUMN "accept_reminded_at" timestamptz,
      ADD COLUMN "accept_escalated_at" timestamptz,
      ADD COLUMN "answer_reminded_at" timestamptz,
      ADD COLUMN "answer_escalated_at" timestamptz`);
    // Until now only a missed acceptance breached a handoff, and its reminder left no trace.
    await q.query(`UPDATE "handoffs" SET "accept_escalated_at" = "updated_at" WHERE "breached"`);
    await q.query(`UPDATE "handoffs" SET "accept_reminded_at" = "updated_at"
      WHERE "accept_due_at" IS NOT NULL AND "created_at" + ("accept_due_at" - "created_at") / 2 <= now()`);
    // Only open handoffs have deadlines to watch: the sweep's rows, however old the table.
    await q.query(`CREATE INDEX "handoffs_open_sla_idx" ON "handoffs" ("status")
      WHERE "status" IN ('requested', 'accepted')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "handoffs_open_sla_idx"`);
    await q.query(`ALTER TABLE "handoffs"
      DROP COLUMN "accept_reminded_at",
      DROP COLUMN "accept_escalated_at",
      DROP COLUMN "answer_reminded_at",
      DROP COLUMN "answer_escalated_at"`);
  }
}
