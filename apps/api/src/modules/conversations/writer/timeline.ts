import type { TimelineEventKind } from '@touchpoint/shared';
import type { EntityManager } from 'typeorm';
import { TimelineEvent } from '../timeline-event.entity';

/**
 * Hands out the next timeline position of a conversation: the only place a `seq` is assigned, for
 * messages and events alike. The UPDATE takes the conversation's row lock, so concurrent writers of
 * one conversation queue up and seq has no gaps or doubles.
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
