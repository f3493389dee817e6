import { JOURNEY_REOPEN_SECONDS } from '@touchpoint/shared';
import type { EntityManager } from 'typeorm';

/**
 * Works out the journey figures of `conversationIds` again from their team moves, handoffs and
 * timeline, in the caller's transaction, and keeps them on the conversations (see the `journey*`
 * columns of the entity): the team whose queue each entered first (the team its first team move
 * left, else its team), the teams pulled in by consults and transfers (in the order first asked,
 * each once, the entry team not again) with the seconds until each accepted its first request, and
 * whether it was reopened within JOURNEY_REOPEN_SECONDS of a resolution (only its last reopening is
 * kept on the conversation; the resolution before it is on the timeline).
 *
 * Called after every change those depend on: a team move, a handoff asked for or accepted, a
 * reopening, a merge, its undo and a split. Worked out whole rather than patched, so a retry or a
 * second call changes nothing. The rows are locked first and the figures read by a statement that
 * starts after the lock is held: of two handoffs of one conversation written at once, the one that
 * commits last sees the other's.
 */
export async function keepJourneys(m: EntityManager, conversationIds: string[]): Promise<void> {
  const ids = [...new Set(conversationIds)];
  if (ids.length === 0) return;
  await m.query('SELECT id FROM conversations WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [
    ids,
  ]);
  await m.query(
    `WITH fm AS (
       SELECT DISTINCT ON (t.conversation_id) t.conversation_id,
              coalesce(t.from_team_id, t.to_team_id) AS team_id
         FROM team_moves t WHERE t.conversation_id = ANY($1::uuid[])
        ORDER BY t.conversation_id, t.moved_at, t.id),
     e AS (
       SELECT c.id, coalesce(fm.team_id, c.team_id) AS entry_team, c.reopened_at
         FROM conversations c LEFT JOIN fm ON fm.conversation_id = c.id
        WHERE c.id = ANY($1::uuid[])),
     hd AS (
       SELECT h.conversation_id, h.team_id, h.created_at, h.accepted_at,
              h.team_id IS NOT NULL AND h.team_id IS DISTINCT FROM e.entry_team
                AND row_number() OVER (PARTITION BY h.conversation_id, h.team_id
                                       ORDER BY h.created_at, h.id) = 1 AS pulled
         FROM handoffs h JOIN e ON e.id = h.conversation_id),
     p AS (
       SELECT hd.conversation_id,
              array_agg(hd.team_id ORDER BY hd.created_at, hd.team_id) AS teams,
              array_agg(extract(epoch FROM hd.accepted_at - hd.created_at)::float8
                        ORDER BY hd.created_at, hd.team_id) AS waits
         FROM hd WHERE hd.pulled GROUP BY 1)
     UPDATE conversations c
        SET journey_entry_team_id = e.entry_team,
            journey_team_ids = coalesce(p.teams, '{}'),
            journey_accept_seconds = coalesce(p.waits, '{}'),
            journey_reopened = e.reopened_at IS NOT NULL AND EXISTS (
              SELECT 1 FROM timeline_events t
               WHERE t.conversation_id = e.id AND t.kind = 'conversation.status_changed'
                 AND t.data->>'to' = 'resolved' AND t.created_at <= e.reopened_at
                 AND t.created_at >= e.reopened_at - make_interval(secs => $2))
       FROM e LEFT JOIN p ON p.conversation_id = e.id
      WHERE c.id = e.id`,
    [ids, JOURNEY_REOPEN_SECONDS],
  );
}
