import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Workspace labels (name, colour) carried by conversations as a list of label ids, and canned
 * responses: a team's (seen by its members) or one person's own, with a shortcut per language.
 */
export class LabelsAndCannedResponses1765002700000 implements MigrationInterface {
  name = 'LabelsAndCannedResponses1765002700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "labels" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "name" varchar(40) NOT NULL,
      "color" varchar(7) NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE UNIQUE INDEX "labels_name_uq" ON "labels" (lower("name"))`);
    await q.query(
      `ALTER TABLE "conversations" ADD COLUMN "label_ids" uuid[] NOT NULL DEFAULT '{}'`,
    );
    await q.query(
      `CREATE INDEX "conversations_label_ids_idx" ON "conversations" USING gin ("label_ids")`,
    );
    await q.query(`CREATE TABLE "canned_responses" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "team_id" uuid CONSTRAINT "canned_responses_team_fk" REFERENCES "teams" ("id") ON DELETE CASCADE,
      "owner_id" uuid CONSTRAINT "canned_responses_owner_fk" REFERENCES "users" ("id") ON DELETE CASCADE,
      "shortcut" varchar(40) NOT NULL,
      "title" varchar(120) NOT NULL,
      "body" text NOT NULL,
      "language" varchar(2) NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "canned_responses_scope_ck" CHECK (("team_id" IS NULL) <> ("owner_id" IS NULL))
    )`);
    await q.query(
      `CREATE UNIQUE INDEX "canned_responses_team_shortcut_uq" ON "canned_responses" ("team_id", "shortcut", "language") WHERE "team_id" IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "canned_responses_owner_shortcut_uq" ON "canned_responses" ("owner_id", "shortcut", "language") WHERE "owner_id" IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "canned_responses"`);
    await q.query(`ALTER TABLE "conversations" DROP COLUMN "label_ids"`);
    await q.query(`DROP TABLE "labels"`);
  }
}
