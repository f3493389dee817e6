import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What reports add up, kept per conversation by its writer so a report is one pass over the
 * conversations of a date range, never over their messages or timelines: the first response and
 * resolution times in the team's business time, staff replies (one-touch resolution), ownership
 * changes (bounces) and channel switches; every move between teams with both teams; and the team
 * that asked a consult.
 *
 * Existing conversations are filled from their messages and timelines; their two times are counted
 * in wall-clock time, as their team's hours then are not known.
 */
export class ReportFigures1765001500000 implements MigrationInterface {
  name = 'ReportFigures1765001500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "conversations"
      ADD COLUMN "first_response_seconds" int,
      ADD COLUMN "resolution_seconds" int,
      ADD COLUMN "replies_count" int NOT NULL DEFAULT 0,
      ADD COLUMN "owner_changes" int NOT NULL DEFAULT 0,
      ADD COLUMN "channel_switches" int NOT NULL DEFAULT 0`);
    await q.query(`CREATE TABLE "team_moves" (
      "id" bigserial PRIMARY KEY,
      "conversation_id" uuid NOT NULL CONSTRAINT "team_moves_conversation_fk"
        REFERENCES "conversations" ("id") ON DELETE CASCADE,
      "from_team_id" uuid CONSTRAINT "team_moves_from_team_fk" REFERENCES "teams" ("id") ON DELETE SET NULL,
      "to_team_id" uuid CONSTRAINT "team_moves_to_team_fk" REFERENCES "teams" ("id") ON DELETE SET NULL,
      "moved_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX "team_moves_moved_at_idx" ON "team_moves" ("moved_at")`);
    await q.query(`CREATE INDEX "team_moves_conversation_idx" ON "team_moves" ("conversation_id")`);
    await q.query(`ALTER TABLE "handoffs" ADD COLUMN "from_team_id" uuid
      CONSTRAINT "handoffs_from_team_fk" REFERENCES "teams" ("id") ON DELETE SET NULL`);
    await q.query(`UPDATE "handoffs" h SET "from_team_id" = c.team_id
      FROM conversations c WHERE c.id = h.conversation_id`);
    await q.query(`CREATE INDEX "handoffs_created_idx" ON "handoffs" ("created_at")`);
    // Reports read conversations by when they started and when they were resolved.
    await q.query(`CREATE INDEX "conversations_created_idx" ON "conversations" ("created_at")`);
    await q.query(`CREATE INDEX "conversations_resolved_idx" ON "conversations" ("resolved_at")
      WHERE "resolved_at" IS NOT NULL`);

    await q.query(`UPDATE "conversations" c SET "replies_count" = r.n
      FROM (SELECT conversation_id, count(*)::int AS n FROM messages
             WHERE type IN ('outbound', 'call') AND author_user_id IS NOT NULL
             GROUP BY conversation_id) r
      WHERE r.conversation_id = c.id`);
    await q.query(`UPDATE "conversations" c SET
        "channel_switches" = e.switches, "owner_changes" = e.owner_changes
      FROM (SELECT conversation_id,
                   count(*) FILTER (WHERE kind = 'conversation.channel_switched')::int AS switches,
                   count(*) FILTER (WHERE kind = 'conversation.assigned'
                     AND jsonb_typeof(data->'previousOwner') = 'object')::int AS owner_changes
              FROM timeline_events
             WHERE kind IN ('conversation.channel_switched', 'conversation.assigned')
             GROUP BY conversation_id) e
      WHERE e.conversation_id = c.id`);
    await q.query(`UPDATE "conversations" SET
        "first_response_seconds" = CASE WHEN first_response_at IS NOT NULL
          THEN GREATEST(0, extract(epoch FROM first_response_at - created_at))::int END,
        "resolution_seconds" = CASE WHEN resolved_at IS NOT NULL
          THEN GREATEST(0, extract(epoch FROM resolved_at - COALESCE(reopened_at, created_at)))::int END
      WHERE first_response_at IS NOT NULL OR resolved_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "conversations_resolved_idx"`);
    await q.query(`DROP INDEX "conversations_created_idx"`);
    await q.query(`DROP TABLE "team_moves"`);
    await q.query(`DROP INDEX "handoffs_created_idx"`);
    await q.query(`ALTER TABLE "handoffs" DROP COLUMN "from_team_id"`);
    await q.query(`ALTER TABLE "conversations" DROP COLUMN "first_response_seconds",
      DROP COLUMN "resolution_seconds", DROP COLUMN "replies_count",
      DROP COLUMN "owner_changes", DROP COLUMN "channel_switches"`);
  }
}
