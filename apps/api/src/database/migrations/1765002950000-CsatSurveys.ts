import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customer satisfaction: at most one survey per conversation (asked after its resolution, in the
 * channel the customer used last), with its rating and comment, and the team and owner at
 * resolution for the results. `csat_settings` is the workspace's one switch and the delay.
 */
export class CsatSurveys1765002950000 implements MigrationInterface {
  name = 'CsatSurveys1765002950000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "csat_surveys" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "conversation_id" uuid NOT NULL CONSTRAINT "csat_surveys_conversation_fk" REFERENCES "conversations" ("id") ON DELETE CASCADE,
      "contact_id" uuid NOT NULL CONSTRAINT "csat_surveys_contact_fk" REFERENCES "contacts" ("id") ON DELETE CASCADE,
      "status" varchar(12) NOT NULL,
      "skip_reason" varchar(40),
      "due_at" timestamptz,
      "team_id" uuid CONSTRAINT "csat_surveys_team_fk" REFERENCES "teams" ("id") ON DELETE SET NULL,
      "owner_id" uuid CONSTRAINT "csat_surveys_owner_fk" REFERENCES "users" ("id") ON DELETE SET NULL,
      "resolved_at" timestamptz NOT NULL,
      "channel_id" uuid CONSTRAINT "csat_surveys_channel_fk" REFERENCES "channels" ("id") ON DELETE SET NULL,
      "channel_kind" varchar(20),
      "address" varchar(320),
      "message_id" uuid CONSTRAINT "csat_surveys_message_fk" REFERENCES "messages" ("id") ON DELETE SET NULL,
      "token_hash" char(64),
      "requested_at" timestamptz,
      "rating" smallint,
      "comment" varchar(1000),
      "rated_at" timestamptz,
      "rated_via" varchar(10),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "csat_surveys_status_ck" CHECK ("status" IN ('scheduled', 'requested', 'rated', 'skipped')),
      CONSTRAINT "csat_surveys_rating_ck" CHECK ("rating" BETWEEN 1 AND 5)
    )`);
    await q.query(
      `CREATE UNIQUE INDEX "csat_surveys_conversation_uq" ON "csat_surveys" ("conversation_id")`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "csat_surveys_token_hash_uq" ON "csat_surveys" ("token_hash") WHERE "token_hash" IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "csat_surveys_due_idx" ON "csat_surveys" ("due_at") WHERE "status" = 'scheduled'`,
    );
    await q.query(
      `CREATE INDEX "csat_surveys_requested_idx" ON "csat_surveys" ("requested_at") WHERE "requested_at" IS NOT NULL`,
    );
    await q.query(`CREATE INDEX "csat_surveys_contact_idx" ON "csat_surveys" ("contact_id")`);
    await q.query(`CREATE TABLE "csat_settings" (
      "id" boolean PRIMARY KEY DEFAULT true CONSTRAINT "csat_settings_one_row_ck" CHECK ("id"),
      "enabled" boolean NOT NULL DEFAULT true,
      "delay_seconds" int NOT NULL DEFAULT 600 CONSTRAINT "csat_settings_delay_ck" CHECK ("delay_seconds" >= 0),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`INSERT INTO "csat_settings" DEFAULT VALUES`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "csat_settings"`);
    await q.query(`DROP TABLE "csat_surveys"`);
  }
}
