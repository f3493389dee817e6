import type { EntityManager } from 'typeorm';
import type { EventBatch } from '../../../core/events/domain-events';

/**
 * Moves conversations of `fromContactId` to `toContactId` (a contact merge or its undo), with the
 * customer's messages in them. Answers the ids moved: those still of `fromContactId`.
 */
export async function moveConversationsToContact(
  m: EntityManager,
  conversationIds: string[],
  fromContactId: string,
  toContactId: string,
  batch: EventBatch,
): Promise<string[]> {
  if (conversationIds.length === 0) return [];
  const [rows]: [{ id: string }[], number] = await m.query(
    `UPDATE conversations SET contact_id = $3
      WHERE id = ANY($1::uuid[]) AND contact_id = $2 RETURNING id`,
    [conversationIds, fromContactId, toContactId],
  );
  const moved = rows.map((r) => r.id);
  if (moved.length)
    await m.query(
      `UPDATE messages SET contact_id = $3 WHERE conversation_id = ANY($1::uuid[]) AND contact_id = $2`,
      [moved, fromContactId, toContactId],
    );
  for (const conversationId of moved) batch.add('conversation.updated', { conversationId });
  return moved;
}
