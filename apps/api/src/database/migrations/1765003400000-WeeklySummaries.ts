import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The weekly summary email: who asked for it (`users.weekly_summary`, off by default), and one row
 * per user and week, written before anything is sent, so a week is never summarised twice however
 * many workers plan it. `message_id` is fixed per row: a repeat after a send that may have gone out
 * carries the same Message-ID. `claimed_until`: a worker is sending it until then.
 */
export class WeeklySummaries1765003400000 implements MigrationInterface {
  name = 'WeeklySummaries1765003400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "weekly_summary" boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE TABLE "weekly_summaries" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "user_id" uuid NOT NULL CONSTRAINT "weekly_summaries_user_fk" REFERENCES "users" ("id") ON DELETE CASCADE,
      "week_start" date NOT NULL,
      "time_zone" varchar(64) NOT NULL,
      "status" varchar(20) NOT NULL DEFAULT 'pending' CONSTRAINT "weekly_summaries_status_check"
        CHECK ("status" IN ('pending', 'sent', 'skipped', 'failed')),
      "reason" varchar(500),
      "message_id" varchar(300) NOT NULL,
      "attempts" int NOT NULL DEFAULT 0,
      "claimed_until" timestamptz,
      "sent_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "weekly_summaries_user_week_key" UNIQUE ("user_id", "week_start")
    )`);
    await q.query(`CREATE INDEX "weekly_summaries_pending_idx" ON "weekly_summaries" ("created_at")
      WHERE "status" = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "weekly_summaries"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "weekly_summary"`);
  }
}
