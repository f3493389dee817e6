import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each conversation's journey kept with it by the conversation writer, so the journeys of 90 days
 * are added up from the conversations alone: the team whose queue it entered first, the teams
 * pulled in (consult and transfer targets, in the order first asked, each once, the entry team not
 * again) with the wait in seconds until each accepted its first request (null: not accepted), and
 * whether it was reopened within 7 days (JOURNEY_REOPEN_SECONDS) of a resolution.
 *
 * Existing conversations are filled from their team moves, handoffs and timeline as the journeys
 * query worked them out until now.
 */
export class ConversationJourneyFigures1765003200000 implements MigrationInterface {
  name = 'ConversationJourneyFigures1765003200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "conversations"
         ADD COLUMN "journey_entry_team_id" uuid,
         ADD COLUMN "journey_team_ids" uuid[] NOT NULL DEFAULT '{}',
         ADD COLUMN "journey_accept_seconds" float8[] NOT NULL DEFAULT '{}',
         ADD COLUMN "journey_reopened" boolean NOT NULL DEFAULT false`,
    );
    await q.query(`UPDATE "conversations" SET "journey_entry_team_id" = "team_id"`);
    // Only conversations moved between teams, handed off or reopened differ from that.
    await q.query(
      `WITH fm AS (
         SELECT DISTINCT ON (m.conversation_id) m.conversation_id,
                coalesce(m.from_team_id, m.to_team_id) AS team_id
           FROM team_moves m ORDER BY m.conversation_id, m.moved_at, m.id),
       hd AS (
         SELECT h.conversation_id, h.team_id, h.created_at, h.accepted_at,
                h.team_id IS NOT NULL AND h.team_id IS DISTINCT FROM coalesce(fm.team_id, c.team_id)
                  AND row_number() OVER (PARTITION BY h.conversation_id, h.team_id
                                         ORDER BY h.created_at, h.id) = 1 AS pulled
           FROM handoffs h
           JOIN conversations c ON c.id = h.conversation_id
           LEFT JOIN fm ON fm.conversation_id = h.conversation_id),
       p AS (
         SELECT hd.conversation_id,
                coalesce(array_agg(hd.team_id ORDER BY hd.created_at, hd.team_id)
                  FILTER (WHERE hd.pulled), '{}') AS teams,
                coalesce(array_agg(extract(epoch FROM hd.accepted_at - hd.created_at)::float8
                                   ORDER BY hd.created_at, hd.team_id)
                  FILTER (WHERE hd.pulled), '{}') AS waits
           FROM hd GROUP BY 1),
       x AS (
         SELECT conversation_id AS id FROM fm
         UNION SELECT conversation_id FROM p
         UNION SELECT id FROM conversations WHERE reopened_at IS NOT NULL)
       UPDATE conversations c
          SET journey_entry_team_id = coalesce(fm.team_id, c.team_id),
              journey_team_ids = coalesce(p.teams, '{}'),
              journey_accept_seconds = coalesce(p.waits, '{}'),
              journey_reopened = c.reopened_at IS NOT NULL AND EXISTS (
                SELECT 1 FROM timeline_events t
                 WHERE t.conversation_id = c.id AND t.kind = 'conversation.status_changed'
                   AND t.data->>'to' = 'resolved' AND t.created_at <= c.reopened_at
                   AND t.created_at >= c.reopened_at - interval '604800 seconds')
         FROM x
         LEFT JOIN fm ON fm.conversation_id = x.id
         LEFT JOIN p ON p.conversation_id = x.id
        WHERE c.id = x.id`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "conversations" DROP COLUMN "journey_entry_team_id", DROP COLUMN "journey_team_ids",
         DROP COLUMN "journey_accept_seconds", DROP COLUMN "journey_reopened"`,
    );
  }
}
