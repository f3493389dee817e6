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
