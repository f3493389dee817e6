import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The marketing stop: while a contact has an unresolved support conversation, marketing leaves them
 * alone.
 *
 * - `teams.holds_marketing`: which of a team's conversations hold their contact (`open_and_pending`
 *   by default, `open`, or `none`).
 * - `marketing_holds`: one row per hold, running (`ended_at` null; at most one per contact) or past,
 *   with the conversations that cause it. No foreign key to contacts: a hold outlives a contact
 *   merged away or erased, so that its end is still recorded and announced.
 * - `marketing_suppression_changes`: every start and end of a hold, in the order marketing tools
 *   read them (`GET /api/marketing/suppressions?since=`). Writers serialise their inserts with an
 *   advisory lock held to commit, so ids become visible in their order and a cursor skips nothing.
 */
export class MarketingHolds1765002300000 implements MigrationInterface {
  name = 'MarketingHolds1765002300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "teams" ADD COLUMN "holds_marketing" varchar(20) NOT NULL DEFAULT 'open_and_pending'
       CONSTRAINT "teams_holds_marketing_check"
       CHECK ("holds_marketing" IN ('open_and_pending', 'open', 'none'))`,
    );
    await q.query(`CREATE TABLE "marketing_holds" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "contact_id" uuid NOT NULL,
      "conversation_ids" uuid[] NOT NULL,
      "started_at" timestamptz NOT NULL DEFAULT now(),
      "ended_at" timestamptz,
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `CREATE UNIQUE INDEX "marketing_holds_running_key" ON "marketing_holds" ("contact_id")
       WHERE "ended_at" IS NULL`,
    );
    await q.query(
      `CREATE INDEX "marketing_holds_contact_idx" ON "marketing_holds" ("contact_id", "started_at" DESC)`,
    );
    await q.query(
      `CREATE INDEX "marketing_holds_running_conversations_idx" ON "marketing_holds"
       USING gin ("conversation_ids") WHERE "ended_at" IS NULL`,
    );
    await q.query(`CREATE TABLE "marketing_suppression_changes" (
      "id" bigserial PRIMARY KEY,
      "contact_id" uuid NOT NULL,
      "hold_id" uuid NOT NULL CONSTRAINT "marketing_suppression_changes_hold_fk"
        REFERENCES "marketing_holds" ("id") ON DELETE CASCADE,
      "suppressed" boolean NOT NULL,
      "changed_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `CREATE INDEX "marketing_suppression_changes_hold_idx" ON "marketing_suppression_changes" ("hold_id")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "marketing_suppression_changes"`);
    await q.query(`DROP TABLE "marketing_holds"`);
    await q.query(`ALTER TABLE "teams" DROP COLUMN "holds_marketing"`);
  }
}
