/**
 * Payload of the staff event `conversation.typing` (default namespace, room `conversation:<id>`):
 * someone types in a conversation, the customer in the website chat or a colleague in the composer.
 * Ephemeral, so without `seq`. Senders repeat `typing: true` every few seconds while typing; clients
 * hide the indicator after `CONVERSATION_TYPING_TTL_MS` without news or on `typing: false`.
 */
export interface ConversationTypingPayload {
  conversationId: string;
  typing: boolean;
  author: { type: 'contact' | 'user'; id: string | null; name: string };
}

export const CONVERSATION_TYPING_TTL_MS = 6000;
