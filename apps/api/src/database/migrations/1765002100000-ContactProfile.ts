import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The contact's profile as every team shares it: company, language, quiet hours, custom attributes;
 * notes; consent per purpose and channel (a history, the latest row per pair counts); an edit
 * history; merges recorded with what they moved, so each can be undone; merge suggestions with their
 * evidence. A merged contact stays as a row pointing at the contact it went into, for the undo.
 */
export class ContactProfile1765002100000 implements MigrationInterface {
  name = 'ContactProfile1765002100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "contacts"
      ADD COLUMN "company" varchar(200),
      ADD COLUMN "language" varchar(10),
      ADD COLUMN "quiet_hours" jsonb,
      ADD COLUMN "attributes" jsonb NOT NULL DEFAULT '{}',
      ADD COLUMN "merged_into_id" uuid CONSTRAINT "contacts_merged_into_fk" REFERENCES "contacts" ("id")`);
    await q.query(
      `CREATE INDEX "contacts_listed_idx" ON "contacts" ("updated_at" DESC, "id") WHERE "merged_into_id" IS NULL`,
    );
    await q.query(`CREATE TABLE "contact_notes" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "contact_id" uuid NOT NULL CONSTRAINT "contact_notes_contact_fk" REFERENCES "contacts" ("id") ON DELETE CASCADE,
      "author_id" uuid CONSTRAINT "contact_notes_author_fk" REFERENCES "users" ("id") ON DELETE SET NULL,
      "body" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `CREATE INDEX "contact_notes_contact_idx" ON "contact_notes" ("contact_id", "created_at" DESC)`,
    );
    await q.query(`CREATE TABLE "contact_consents" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "contact_id" uuid NOT NULL CONSTRAINT "contact_consents_contact_fk" REFERENCES "contacts" ("id") ON DELETE CASCADE,
      "purpose" varchar(20) NOT NULL,
      "channel" varchar(20) NOT NULL,
      "granted" boolean NOT NULL,
      "source" varchar(200) NOT NULL,
      "recorded_by" uuid CONSTRAINT "contact_consents_recorded_by_fk" REFERENCES "users" ("id") ON DELETE SET NULL,
      "recorded_at" timestamptz NOT NULL DEFAULT clock_timestamp()
    )`);
    await q.query(
      `CREATE INDEX "contact_consents_contact_idx" ON "contact_consents" ("contact_id", "purpose", "channel", "recorded_at" DESC)`,
    );
    await q.query(`CREATE TABLE "contact_changes" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "contact_id" uuid NOT NULL CONSTRAINT "contact_changes_contact_fk" REFERENCES "contacts" ("id") ON DELETE CASCADE,
      "actor_id" uuid CONSTRAINT "contact_changes_actor_fk" REFERENCES "users" ("id") ON DELETE SET NULL,
      "kind" varchar(30) NOT NULL,
      "changes" jsonb NOT NULL DEFAULT '{}',
      "data" jsonb NOT NULL DEFAULT '{}',
      "created_at" timestamptz NOT NULL DEFAULT clock_timestamp()
    )`);
    await q.query(
      `CREATE INDEX "contact_changes_contact_idx" ON "contact_changes" ("contact_id", "created_at" DESC)`,
    );
    await q.query(`CREATE TABLE "contact_merges" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "contact_id" uuid NOT NULL CONSTRAINT "contact_merges_contact_fk" REFERENCES "contacts" ("id") ON DELETE CASCADE,
      "merged_contact_id" uuid NOT NULL CONSTRAINT "contact_merges_merged_fk" REFERENCES "contacts" ("id") ON DELETE CASCADE,
      "basis" varchar(30) NOT NULL,
      "note" text,
      "evidence" jsonb NOT NULL DEFAULT '[]',
      "moved" jsonb NOT NULL,
      "before" jsonb NOT NULL,
      "actor_id" uuid CONSTRAINT "contact_merges_actor_fk" REFERENCES "users" ("id") ON DELETE SET NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "undone_at" timestamptz,
      "undone_by" uuid CONSTRAINT "contact_merges_undone_by_fk" REFERENCES "users" ("id") ON DELETE SET NULL
    )`);
    await q.query(
      `CREATE INDEX "contact_merges_contact_idx" ON "contact_merges" ("contact_id", "created_at" DESC)`,
    );
    await q.query(
      `CREATE INDEX "contact_merges_merged_idx" ON "contact_merges" ("merged_contact_id")`,
    );
    await q.query(`CREATE TABLE "contact_merge_suggestions" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "contact_a_id" uuid NOT NULL CONSTRAINT "contact_merge_suggestions_a_fk" REFERENCES "contacts" ("id") ON DELETE CASCADE,
      "contact_b_id" uuid NOT NULL CONSTRAINT "contact_merge_suggestions_b_fk" REFERENCES "contacts" ("id") ON DELETE CASCADE,
      "evidence" jsonb NOT NULL DEFAULT '[]',
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "dismissed_at" timestamptz,
      CONSTRAINT "contact_merge_suggestions_order_check" CHECK ("contact_a_id" < "contact_b_id")
    )`);
    await q.query(
      `CREATE UNIQUE INDEX "contact_merge_suggestions_pair_key" ON "contact_merge_suggestions" ("contact_a_id", "contact_b_id")`,
    );
    await q.query(
      `CREATE INDEX "contact_merge_suggestions_b_idx" ON "contact_merge_suggestions" ("contact_b_id")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "contact_merge_suggestions"`);
    await q.query(`DROP TABLE "contact_merges"`);
    await q.query(`DROP TABLE "contact_changes"`);
    await q.query(`DROP TABLE "contact_consents"`);
    await q.query(`DROP TABLE "contact_notes"`);
    await q.query(`DROP INDEX "contacts_listed_idx"`);
    await q.query(`ALTER TABLE "contacts"
      DROP COLUMN "merged_into_id", DROP COLUMN "attributes", DROP COLUMN "quiet_hours",
      DROP COLUMN "language", DROP COLUMN "company"`);
  }
}
