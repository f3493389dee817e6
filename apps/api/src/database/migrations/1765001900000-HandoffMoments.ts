import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A consult's reminder (half its target) and its at-risk moment (AT_RISK_SHARE of it) counted in
 * the business time of the team asked, as its deadline is: halfway on the wall clock, a consult
 * asked on Friday evening and due Monday morning reminded Sales in the night to Sunday. Open
 * handoffs get the wall-clock moments they had.
 */
export class HandoffMoments1765001900000 implements MigrationInterface {
  name = 'HandoffMoments1765001900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "handoffs"
      ADD COLUMN "accept_remind_at" timestamptz, ADD COLUMN "accept_risk_at" timestamptz,
      ADD COLUMN "answer_remind_at" timestamptz, ADD COLUMN "answer_risk_at" timestamptz`);
    await q.query(`UPDATE "handoffs" SET
        "accept_remind_at" = "created_at" + ("accept_due_at" - "created_at") / 2,
        "accept_risk_at" = "created_at" + ("accept_due_at" - "created_at") * 0.8
      WHERE "status" = 'requested' AND "accept_due_at" IS NOT NULL`);
    await q.query(`UPDATE "handoffs" SET
        "answer_remind_at" = "accepted_at" + ("answer_due_at" - "accepted_at") / 2,
        "answer_risk_at" = "accepted_at" + ("answer_due_at" - "accepted_at") * 0.8
      WHERE "status" = 'accepted' AND "answer_due_at" IS NOT NULL AND "accepted_at" IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "handoffs" DROP COLUMN "accept_remind_at",
      DROP COLUMN "accept_risk_at", DROP COLUMN "answer_remind_at", DROP COLUMN "answer_risk_at"`);
  }
}
