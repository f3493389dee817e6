import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Consults and transfers, the participants they bring in, and each team's handoff policy. */
export class Handoffs1763850000000 implements MigrationInterface {
  name = 'Handoffs1763850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "teams"
      ADD COLUMN "consult_accept_seconds" int NOT NULL DEFAULT 900,
      ADD COLUMN "consult_answer_seconds" int NOT NULL DEFAULT 7200,
      ADD COLUMN "participant_grace_seconds" int NOT NULL DEFAULT 3600,
      ADD COLUMN "specialists_may_reply" boolean NOT NULL DEFAULT false,
      ADD COLUMN "fallback_team_id" uuid CONSTRAINT "teams_fallback_team_fk" REFERENCES "teams" ("id") ON DELETE SET NULL`);

    await q.query(`CREATE TABLE "handoffs" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "conversation_id" uuid NOT NULL CONSTRAINT "handoffs_conversation_fk" REFERENCES "conversations" ("id") ON DELETE CASCADE,
      "kind" varchar(10) NOT NULL CONSTRAINT "handoffs_kind_check" CHECK ("kind" IN ('consult','transfer')),
      "status" varchar(10) NOT NULL DEFAULT 'requested' CONSTRAINT "handoffs_status_check"
        CHECK ("status" IN ('requested','accepted','completed','declined','cancelled','expired')),
      "note" varchar(2000) NOT NULL,
      "team_id" uuid CONSTRAINT "handoffs_team_fk" REFERENCES "teams" ("id") ON DELETE SET NULL,
      "assignee_id" uuid CONSTRAINT "handoffs_assignee_fk" REFERENCES "users" ("id") ON DELETE SET NULL,
      "requested_by_id" uuid NOT NULL CONSTRAINT "handoffs_requested_by_fk" REFERENCES "users" ("id") ON DELETE RESTRICT,
      "decline_reason" varchar(1000),
      "summary" varchar(4000),
      "accept_due_at" timestamptz,
      "answer_due_at" timestamptz,
      "breached" boolean NOT NULL DEFAULT false,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "accepted_at" timestamptz,
      "completed_at" timestamptz,
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `CREATE INDEX "handoffs_conversation_idx" ON "handoffs" ("conversation_id", "created_at")`,
    );
    await q.query(
      `CREATE INDEX "handoffs_team_open_idx" ON "handoffs" ("team_id", "created_at") WHERE "status" IN ('requested','accepted')`,
    );
    await q.query(
      `CREATE INDEX "handoffs_assignee_open_idx" ON "handoffs" ("assignee_id", "created_at") WHERE "status" IN ('requested','accepted')`,
    );

    await q.query(`CREATE TABLE "conversation_participants" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "conversation_id" uuid NOT NULL CONSTRAINT "conversation_participants_conversation_fk" REFERENCES "conversations" ("id") ON DELETE CASCADE,
      "user_id" uuid NOT NULL CONSTRAINT "conversation_participants_user_fk" REFERENCES "users" ("id") ON DELETE CASCADE,
      "via" varchar(10) NOT NULL CONSTRAINT "conversation_participants_via_check" CHECK ("via" IN ('consult','mention')),
      "handoff_id" uuid CONSTRAINT "conversation_participants_handoff_fk" REFERENCES "handoffs" ("id") ON DELETE SET NULL,
      "expires_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `CREATE UNIQUE INDEX "conversation_participants_conversation_user_key" ON "conversation_participants" ("conversation_id", "user_id")`,
    );
    await q.query(
      `CREATE INDEX "conversation_participants_user_idx" ON "conversation_participants" ("user_id")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "conversation_participants"`);
    await q.query(`DROP TABLE "handoffs"`);
    await q.query(`ALTER TABLE "teams"
      DROP COLUMN "fallback_team_id", DROP COLUMN "specialists_may_reply", DROP COLUMN "participant_grace_seconds",
      DROP COLUMN "consult_answer_seconds", DROP COLUMN "consult_accept_seconds"`);
  }
}
