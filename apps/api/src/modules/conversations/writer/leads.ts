import type { EntityManager } from 'typeorm';
import type { EventBatch } from '../../../core/events/domain-events';
import { Conversation } from '../conversation.entity';
import { addTimelineEvent } from './timeline';

export interface LeadMark {
  actorId: string;
  /** The consult or transfer that takes the lead to sales. */
  handoffId: string;
  kind: 'consult' | 'transfer';
  /** The qualification, as the handoff note carries it. */
  note: string;
  team: { id: string; name: string };
}

/**
 * Marks a conversation as a sales lead, inside the caller's transaction with the conversation
 * locked: its Lead badge (from the first time it was marked) and "marked as lead" on the timeline.
 */
export async function markLead(
  m: EntityManager,
  conversation: Pick<Conversation, 'id' | 'leadAt'>,
  mark: LeadMark,
  batch: EventBatch,
): Promise<void> {
  if (!conversation.leadAt)
    await m.getRepository(Conversation).update(conversation.id, { leadAt: new Date() });
  await addTimelineEvent(m, conversation.id, 'conversation.marked_lead', mark.actorId, {
    handoffId: mark.handoffId,
    kind: mark.kind,
    note: mark.note,
    team: mark.team,
  });
  batch.add('conversation.updated', { conversationId: conversation.id });
}
