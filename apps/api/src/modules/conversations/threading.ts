import { ACTIVE_CONVERSATION_STATUSES, type ConversationStatus } from '@touchpoint/shared';

export interface ThreadCandidate {
  id: string;
  status: ConversationStatus;
}

export interface ThreadingInput {
  /**
   * The conversation the message explicitly answers: found by the `reply+<token>@` address it was sent
   * to, or by an In-Reply-To/References header naming one of our messages.
   */
  referenced: ThreadCandidate | null;
  /** The contact's most recently active conversation that is not resolved, if any. */
  active: ThreadCandidate | null;
}

export type ThreadingDecision =
  { action: 'append'; conversationId: string; reopen: boolean } | { action: 'create' };

/**
 * Where a customer's new message goes. One conversation per customer issue, whatever the channel:
 * 1. An explicit reply (reply token, email headers) joins the conversation it answers, reopening it
 *    if it was resolved.
 * 2. Otherwise the contact's open, pending or snoozed conversation collects it, from any channel
 *    (a snoozed or pending one wakes up).
 * 3. Otherwise a new conversation starts in the channel's team queue.
 */
export function decideThread({ referenced, active }: ThreadingInput): ThreadingDecision {
  if (referenced) {
    return {
      action: 'append',
      conversationId: referenced.id,
      reopen: referenced.status !== 'open',
    };
  }
  if (active && ACTIVE_CONVERSATION_STATUSES.includes(active.status)) {
    return { action: 'append', conversationId: active.id, reopen: active.status !== 'open' };
  }
  return { action: 'create' };
}
