import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SLA clocks of open conversations: one row per running target (the reply the customer waits
 * for, the resolution), with the moments it comes at risk and runs out, in business time. Derived
 * from the conversation's facts by the conversation writer; a row lives while its target runs.
 * `first_response_at` and `reopened_at` are facts the clocks (and reports) need; `sla_*` on the
 * conversation copies its most urgent clock, so lists show it without a join.
 */
export class SlaClocks1765001400000 implements MigrationInterface {
  name = 'SlaClocks1765001400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "conversations" ADD COLUMN "first_response_at" timestamptz,
      ADD COLUMN "reopened_at" timestamptz,
      ADD COLUMN "sla_metric" varchar(20), ADD COLUMN "sla_risk_at" timestamptz,
      ADD COLUMN "sla_due_at" timestamptz, ADD COLUMN "sla_breached_at" timestamptz`);
    await q.query(`UPDATE "conversations" c SET "first_response_at" = r.at
      FROM (SELECT conversation_id, min(created_at) AS at FROM messages
             WHERE type IN ('outbound', 'call') AND author_user_id IS NOT NULL
             GROUP BY conversation_id) r
      WHERE r.conversation_id = c.id`);
    // A change of a team's hours or policies replans its open conversations; the sweep finishes
    // what a lost job or a crash left behind.
    await q.query(`ALTER TABLE "teams" ADD COLUMN "sla_changed_at" timestamptz,
      ADD COLUMN "sla_replanned_at" timestamptz`);
    // Conversations open at the upgrade get their clocks from the sweep's first replan.
    await q.query(`UPDATE "teams" t SET "sla_changed_at" = now()
      WHERE EXISTS (SELECT 1 FROM "sla_policies" p WHERE p.team_id = t.id)`);
    await q.query(`CREATE TABLE "sla_clocks" (
      "conversation_id" uuid NOT NULL CONSTRAINT "sla_clocks_conversation_fk"
        REFERENCES "conversations" ("id") ON DELETE CASCADE,
      "clock" varchar(10) NOT NULL CONSTRAINT "sla_clocks_clock_check" CHECK ("clock" IN ('response','resolution')),
      "metric" varchar(20) NOT NULL CONSTRAINT "sla_clocks_metric_check"
        CHECK ("metric" IN ('first_response','next_response','resolution')),
      "target_seconds" int NOT NULL CONSTRAINT "sla_clocks_target_check" CHECK ("target_seconds" > 0),
      "window_start" timestamptz NOT NULL,
      "counting_since" timestamptz,
      "used_seconds" double precision NOT NULL DEFAULT 0,
      "risk_at" timestamptz,
      "due_at" timestamptz,
      "risk_fired_at" timestamptz,
      "breached_at" timestamptz,
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "sla_clocks_pkey" PRIMARY KEY ("conversation_id", "clock")
    )`);
    // The timers' sweep and the board look only at clocks with a step still to come.
    await q.query(`CREATE INDEX "sla_clocks_due_idx" ON "sla_clocks" ("due_at")
      WHERE "breached_at" IS NULL AND "due_at" IS NOT NULL`);
    await q.query(`CREATE INDEX "sla_clocks_risk_idx" ON "sla_clocks" ("risk_at")
      WHERE "risk_fired_at" IS NULL AND "breached_at" IS NULL AND "risk_at" IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "sla_clocks"`);
    await q.query(
      `ALTER TABLE "teams" DROP COLUMN "sla_changed_at", DROP COLUMN "sla_replanned_at"`,
    );
    await q.query(`ALTER TABLE "conversations" DROP COLUMN "first_response_at",
      DROP COLUMN "reopened_at", DROP COLUMN "sla_metric", DROP COLUMN "sla_risk_at",
      DROP COLUMN "sla_due_at", DROP COLUMN "sla_breached_at"`);
  }
}
