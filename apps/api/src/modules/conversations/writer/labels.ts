import type { EntityManager } from 'typeorm';
import type { EventBatch } from '../../../core/events/domain-events';
import { addTimelineEvent } from './timeline';

/** A label as the timeline names it; kept so history reads right after a rename. */
export interface LabelRef {
  id: string;
  name: string;
  color: string;
}

/**
 * Adds or removes a label of a conversation, inside the caller's transaction: the row is locked by
 * the update, "labeled"/"unlabeled" goes on the timeline, and the lists learn of it. Answers false
 * (and writes nothing) when the conversation already has the label, or does not have it to remove:
 * repeating a request changes nothing.
 */
export async function changeLabel(
  m: EntityManager,
  conversationId: string,
  change: { label: LabelRef; add: boolean; actorId: string | null },
  batch: EventBatch,
): Promise<boolean> {
  const { label, add, actorId } = change;
  const [rows]: [{ id: string }[], number] = await m.query(
    add
      ? `UPDATE conversations SET label_ids = array_append(label_ids, $2::uuid)
         WHERE id = $1 AND NOT ($2::uuid = ANY(label_ids)) RETURNING id`
      : `UPDATE conversations SET label_ids = array_remove(label_ids, $2::uuid)
         WHERE id = $1 AND $2::uuid = ANY(label_ids) RETURNING id`,
    [conversationId, label.id],
  );
  if (!rows.length) return false;
  await addTimelineEvent(
    m,
    conversationId,
    add ? 'conversation.labeled' : 'conversation.unlabeled',
    actorId,
    { label: { id: label.id, name: label.name, color: label.color } },
  );
  batch.add('conversation.updated', { conversationId });
  return true;
}

/**
 * A label deleted from the workspace leaves every conversation that had it, in the caller's
 * transaction (no timeline entry: nobody took it off the conversation). Answers how many.
 */
export async function dropLabel(
  m: EntityManager,
  labelId: string,
  batch: EventBatch,
): Promise<number> {
  const [rows]: [{ id: string }[], number] = await m.query(
    `UPDATE conversations SET label_ids = array_remove(label_ids, $1::uuid)
     WHERE $1::uuid = ANY(label_ids) RETURNING id`,
    [labelId],
  );
  for (const { id } of rows) batch.add('conversation.updated', { conversationId: id });
  return rows.length;
}
