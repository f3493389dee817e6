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

/**
 * Hands out `count` consecutive positions in each of several conversations in one statement (a batch
 * of inbound messages): answers the first position of each block. Takes the rows' locks like nextSeq.
 */
export async function reserveSeqs(
  m: EntityManager,
  counts: Map<string, number>,
): Promise<Map<string, number>> {
  const ids = [...counts.keys()];
  const [rows]: [{ id: string; last_seq: number }[], number] = await m.query(
    `UPDATE conversations c SET last_seq = c.last_seq + u.n
       FROM unnest($1::uuid[], $2::int[]) AS u(id, n) WHERE c.id = u.id
     RETURNING c.id, c.last_seq`,
    [ids, ids.map((id) => counts.get(id))],
  );
  const first = new Map(rows.map((r) => [r.id, r.last_seq - (counts.get(r.id) ?? 0) + 1]));
  const missing = ids.find((id) => !first.has(id));
  if (missing) throw new Error(`Conversation ${missing} does not exist`);
  return first;
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
