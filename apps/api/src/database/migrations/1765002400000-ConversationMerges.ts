import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Merging and splitting conversations. A merged-away conversation points at the one it went into,
 * so a customer answering it (its reply address) lands there. Each merge records what it moved,
 * every entry with its original conversation and seq, so it can be undone exactly. `timeline_epoch`
 * counts renumberings of a thread: a client holding the thread of an older epoch reads it anew.
 */
export class ConversationMerges1765002400000 implements MigrationInterface {
  name = 'ConversationMerges1765002400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "conversations"
      ADD COLUMN "merged_into_id" uuid CONSTRAINT "conversations_merged_into_fk"
        REFERENCES "conversations" ("id") ON DELETE SET NULL,
      ADD COLUMN "timeline_epoch" int NOT NULL DEFAULT 0`);
    await q.query(
      `CREATE INDEX "conversations_merged_into_idx" ON "conversations" ("merged_into_id")
       WHERE "merged_into_id" IS NOT NULL`,
    );
    await q.query(`CREATE TABLE "conversation_merges" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "target_conversation_id" uuid NOT NULL CONSTRAINT "conversation_merges_target_fk"
        REFERENCES "conversations" ("id") ON DELETE CASCADE,
      "source_conversation_id" uuid NOT NULL CONSTRAINT "conversation_merges_source_fk"
        REFERENCES "conversations" ("id") ON DELETE CASCADE,
      "merged_by_id" uuid CONSTRAINT "conversation_merges_merged_by_fk"
        REFERENCES "users" ("id") ON DELETE SET NULL,
      "source_state" jsonb NOT NULL,
      "target_state" jsonb NOT NULL,
      "target_last_seq" int NOT NULL,
      "participant_ids" uuid[] NOT NULL DEFAULT '{}',
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "undone_at" timestamptz,
      "undone_by_id" uuid CONSTRAINT "conversation_merges_undone_by_fk"
        REFERENCES "users" ("id") ON DELETE SET NULL
    )`);
    await q.query(
      `CREATE INDEX "conversation_merges_target_idx" ON "conversation_merges" ("target_conversation_id", "created_at" DESC)`,
    );
    // A conversation is merged away into one place at a time.
    await q.query(
      `CREATE UNIQUE INDEX "conversation_merges_source_active_key" ON "conversation_merges" ("source_conversation_id")
       WHERE "undone_at" IS NULL`,
    );
    await q.query(`CREATE TABLE "conversation_merge_entries" (
      "merge_id" uuid NOT NULL CONSTRAINT "conversation_merge_entries_merge_fk"
        REFERENCES "conversation_merges" ("id") ON DELETE CASCADE,
      "entry_kind" varchar(10) NOT NULL CONSTRAINT "conversation_merge_entries_kind_check"
        CHECK ("entry_kind" IN ('message', 'event')),
      "entry_id" uuid NOT NULL,
      "original_conversation_id" uuid NOT NULL,
      "original_seq" int NOT NULL,
      "merged_seq" int NOT NULL,
      CONSTRAINT "conversation_merge_entries_pkey" PRIMARY KEY ("merge_id", "entry_kind", "entry_id")
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "conversation_merge_entries"`);
    await q.query(`DROP TABLE "conversation_merges"`);
    await q.query(`DROP INDEX "conversations_merged_into_idx"`);
    await q.query(
      `ALTER TABLE "conversations" DROP COLUMN "timeline_epoch", DROP COLUMN "merged_into_id"`,
    );
  }
}
