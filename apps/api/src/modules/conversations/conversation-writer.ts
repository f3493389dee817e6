import type { TimelineEventKind } from '@touchpoint/shared';
import type { EntityManager } from 'typeorm';
import type { EventBatch } from '../../core/events/domain-events';
import { Conversation } from './conversation.entity';
import { TimelineEvent } from './timeline-event.entity';

/**
 * Hands out the next timeline position of a conversation. The UPDATE takes the conversation's row
 * lock, so concurrent writers of one conversation queue up and seq has no gaps or doubles.
 */
export async function nextSeq(m: EntityManager, conversationId: string): Promise<number> {
  const rows: [{ last_seq: number }[], number] = await m.query(
    'UPDATE conversations SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq',
    [conversationId],
  );
  const seq = rows[0][0]?.last_seq;
  if (seq === undefined) throw new Error(`Conversation ${conversationId} does not exist`);
  return seq;
}

export async function addTimelineEvent(
  m: EntityManager,
  conversationId: string,
  kind: TimelineEventKind,
  actorId: string | null,
  data: Record<string, unknown> = {},
): Promise<TimelineEvent> {
  const seq = await nextSeq(m, conversationId);
  return m.getRepository(TimelineEvent).save({ conversationId, seq, kind, actorId, data });
}

export type WakeOutcome = 'woke' | 'early' | 'stale';

/**
 * A snoozed conversation whose time has come opens again, inside the caller's transaction. Only if
 * it is still snoozed until `until` (without `until`: until any time): a snooze changed or ended
 * meanwhile is left alone ('stale'); one whose time the database's clock has not reached is 'early'.
 */
export async function wakeFromSnooze(
  m: EntityManager,
  conversationId: string,
  until: Date | null,
  batch: EventBatch,
): Promise<WakeOutcome> {
  const [c]: {
    status: string;
    snoozed_until: Date | null;
    due: boolean;
    team_id: string | null;
    owner_id: string | null;
  }[] = await m.query(
    `SELECT status, snoozed_until, snoozed_until <= now() AS due, team_id, owner_id
     FROM conversations WHERE id = $1 FOR UPDATE`,
    [conversationId],
  );
  if (!c || c.status !== 'snoozed' || !c.snoozed_until) return 'stale';
  if (until && c.snoozed_until.getTime() !== until.getTime()) return 'stale';
  if (!c.due) return 'early';
  await m
    .getRepository(Conversation)
    .update(conversationId, { status: 'open', snoozedUntil: null, resolvedAt: null });
  await addTimelineEvent(m, conversationId, 'conversation.woke_up', null, {
    snoozedUntil: c.snoozed_until.toISOString(),
  });
  batch.add('conversation.updated', { conversationId });
  if (c.team_id && !c.owner_id) batch.add('queue.changed', { teamId: c.team_id });
  return 'woke';
}

export interface OwnerChange {
  /** The new owner; null: the conversation waits unowned in its (new) team's queue. */
  ownerId: string | null;
  /** Moves the conversation to this team as well (a transfer to a team). */
  teamId?: string | null;
  /** Who did it; null for automatic assignment. */
  actorId: string | null;
  /** Extra facts for the timeline event, e.g. `{ transferId }` or `{ automatic: true }`. */
  details?: Record<string, unknown>;
  /** Counts as activity (moves the conversation up the lists); automatic assignment does not. */
  touch?: boolean;
}

/**
 * The one way ownership changes, inside the caller's transaction: claims, first replies, transfers
 * and automatic assignment all record it the same way, so reports can count every hand-over.
 * Names are kept in the event so history reads right after renames or deactivations.
 */
export async function changeOwner(
  m: EntityManager,
  conversation: Pick<Conversation, 'id' | 'ownerId' | 'teamId'>,
  change: OwnerChange,
  batch: EventBatch,
): Promise<void> {
  const { ownerId, teamId, actorId, details = {}, touch = true } = change;
  await m.getRepository(Conversation).update(conversation.id, {
    ownerId,
    ...(teamId && { teamId }),
    ...(touch && { lastActivityAt: new Date() }),
  });
  const names: { id: string; name: string }[] = await m.query(
    'SELECT id, name FROM users WHERE id = ANY($1::uuid[])',
    [[ownerId, conversation.ownerId].filter((id): id is string => Boolean(id))],
  );
  const ref = (id: string | null) =>
    id ? (names.find((u) => u.id === id) ?? { id, name: '' }) : null;
  await addTimelineEvent(m, conversation.id, 'conversation.assigned', actorId, {
    owner: ref(ownerId),
    previousOwner: ref(conversation.ownerId),
    ...details,
  });
  batch.add('conversation.updated', { conversationId: conversation.id });
  for (const queue of new Set([conversation.teamId, teamId]))
    if (queue) batch.add('queue.changed', { teamId: queue });
}

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

// Participants joined through handoffs

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
