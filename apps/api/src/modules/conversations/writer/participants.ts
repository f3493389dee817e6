import type { EntityManager } from 'typeorm';
import type { EventBatch } from '../../../core/events/domain-events';

/** A team's grace period unless it sets its own (the column's default). */
const DEFAULT_GRACE_SECONDS = 3600;

/**
 * How long `userId` keeps access to a conversation once their part in it ends. A consult to a team
 * takes that team's grace period. Otherwise (a consult to a person, a mention) the person's: the
 * conversation's team if they belong to it, as its policy governs who sees its conversations; else
 * the shortest of their teams, as none of them agreed to more and the access was given without
 * anyone accepting it.
 */
export async function participantGraceSeconds(
  m: EntityManager,
  target: { conversationId: string; userId: string; teamId?: string | null },
): Promise<number> {
  const [row]: { seconds: number | null }[] = await m.query(
    `SELECT COALESCE(
       (SELECT t.participant_grace_seconds FROM teams t WHERE t.id = $3),
       (SELECT t.participant_grace_seconds FROM conversations c
          JOIN team_memberships tm ON tm.team_id = c.team_id AND tm.user_id = $2
          JOIN teams t ON t.id = c.team_id WHERE c.id = $1),
       (SELECT min(t.participant_grace_seconds) FROM team_memberships tm
          JOIN teams t ON t.id = tm.team_id WHERE tm.user_id = $2)) AS seconds`,
    [target.conversationId, target.userId, target.teamId ?? null],
  );
  return row?.seconds ?? DEFAULT_GRACE_SECONDS;
}

type ExpiringRow = { id: string; expires_at: Date };

function announceExpiry(rows: ExpiringRow[], batch: EventBatch): void {
  for (const row of rows)
    batch.add('participant.expiring', {
      participantId: row.id,
      expiresAt: row.expires_at.toISOString(),
    });
}

/**
 * A mention lets someone in as a consult does: for their grace period, from now. Whoever has access
 * as a participant keeps it as it is (an open consult stays open, a running grace period is neither
 * lengthened nor cut); only someone without it, or whose access ran out, is let in again.
 */
export async function admitByMention(
  m: EntityManager,
  conversationId: string,
  userIds: string[],
  batch: EventBatch,
): Promise<void> {
  for (const userId of userIds) {
    const seconds = await participantGraceSeconds(m, { conversationId, userId });
    const rows: ExpiringRow[] = await m.query(
      `INSERT INTO conversation_participants (conversation_id, user_id, via, expires_at)
       VALUES ($1, $2, 'mention', now() + make_interval(secs => $3))
       ON CONFLICT (conversation_id, user_id) DO UPDATE
         SET via = 'mention', handoff_id = NULL, expires_at = EXCLUDED.expires_at
         WHERE conversation_participants.expires_at IS NOT NULL
           AND conversation_participants.expires_at <= now()
       RETURNING id, expires_at`,
      [conversationId, userId, seconds],
    );
    announceExpiry(rows, batch);
  }
}

/** A consult ended: its specialist keeps access for `seconds` more, unless the owner kept them in. */
export async function startParticipantGrace(
  m: EntityManager,
  participant: { conversationId: string; userId: string; handoffId: string; seconds: number },
  batch: EventBatch,
): Promise<void> {
  const [rows]: [ExpiringRow[], number] = await m.query(
    `UPDATE conversation_participants SET expires_at = now() + make_interval(secs => $3)
     WHERE conversation_id = $1 AND user_id = $2 AND handoff_id = $4 AND expires_at IS NULL
     RETURNING id, expires_at`,
    [participant.conversationId, participant.userId, participant.seconds, participant.handoffId],
  );
  announceExpiry(rows, batch);
}

/** Access ends now (the owner took it away). The row stays, expired, like one whose grace ran out. */
export async function endParticipantAccess(
  m: EntityManager,
  conversationId: string,
  userId: string,
  batch: EventBatch,
): Promise<void> {
  const [rows]: [ExpiringRow[], number] = await m.query(
    `UPDATE conversation_participants SET expires_at = now()
     WHERE conversation_id = $1 AND user_id = $2 AND (expires_at IS NULL OR expires_at > now())
     RETURNING id, expires_at`,
    [conversationId, userId],
  );
  announceExpiry(rows, batch);
}

/**
 * An accepted consult lets its specialist in until the consult ends (no expiry yet): completing or
 * cancelling it starts their grace period (startParticipantGrace). Whoever was in already, by a
 * mention or an earlier consult, now takes part through this consult.
 */
export async function admitByConsult(
  m: EntityManager,
  participant: { conversationId: string; userId: string; handoffId: string },
): Promise<void> {
  await m.query(
    `INSERT INTO conversation_participants (conversation_id, user_id, via, handoff_id, expires_at)
     VALUES ($1, $2, 'consult', $3, NULL)
     ON CONFLICT (conversation_id, user_id) DO UPDATE
       SET via = 'consult', handoff_id = EXCLUDED.handoff_id, expires_at = NULL`,
    [participant.conversationId, participant.userId, participant.handoffId],
  );
}

/**
 * The owner keeps someone in for good: access without end, detached from their consult so that
 * completing it starts no grace period. Answers whether there was such a participant.
 */
export async function keepParticipant(
  m: EntityManager,
  conversationId: string,
  userId: string,
): Promise<boolean> {
  const [, affected]: [unknown[], number] = await m.query(
    `UPDATE conversation_participants SET expires_at = NULL, handoff_id = NULL
     WHERE conversation_id = $1 AND user_id = $2`,
    [conversationId, userId],
  );
  return affected > 0;
}

/**
 * Records that the end of a participant's access was carried out (their sockets left the room), so
 * the sweep does not end it again. Only while the access is still over: one given back meanwhile
 * has a new end to carry out.
 */
export async function markParticipantAccessEnded(
  m: EntityManager,
  participantId: string,
): Promise<void> {
  await m.query(
    `UPDATE conversation_participants SET ended_at = now() WHERE id = $1 AND expires_at <= now()`,
    [participantId],
  );
}
