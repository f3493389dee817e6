import type { QueryClient } from '@tanstack/react-query';
import {
  CONVERSATION_TYPING_TTL_MS,
  type ConversationTypingPayload,
  type UserRefDto,
} from '@touchpoint/shared';
import { queryKeys } from '../../../lib/query-keys';

/*
 * Who is in a conversation right now: who has it open (viewers) and who types. Both come from the
 * socket only (the join answer and the room's events) and live in the query cache like presence.
 */

export type TypingAuthor = ConversationTypingPayload['author'];

/** Someone typing in a conversation, until `expiresAt` (ms since the epoch) without news. */
export interface TypingEntry {
  author: TypingAuthor;
  expiresAt: number;
}

function authorKey(author: TypingAuthor): string {
  return `${author.type}:${author.id ?? author.name}`;
}

/** Those still typing at `now`. */
export function activeTyping(
  entries: readonly TypingEntry[] | undefined,
  now: number,
): TypingEntry[] {
  return (entries ?? []).filter((entry) => entry.expiresAt > now);
}

/**
 * A typing event: `typing: true` (re)starts the author's indicator for the TTL, `typing: false`
 * ends it; expired entries are dropped on the way. Keeps the order in which people started.
 */
export function mergeTyping(
  entries: readonly TypingEntry[] | undefined,
  payload: ConversationTypingPayload,
  now: number,
): TypingEntry[] {
  const key = authorKey(payload.author);
  const current = activeTyping(entries, now);
  const index = current.findIndex((entry) => authorKey(entry.author) === key);
  if (!payload.typing) return index < 0 ? current : current.filter((_, at) => at !== index);
  const entry: TypingEntry = {
    author: payload.author,
    expiresAt: now + CONVERSATION_TYPING_TTL_MS,
  };
  if (index < 0) return [...current, entry];
  return current.map((item, at) => (at === index ? entry : item));
}

export function applyConversationTyping(
  queryClient: QueryClient,
  payload: ConversationTypingPayload,
  now: number = Date.now(),
): void {
  queryClient.setQueryData<TypingEntry[]>(
    queryKeys.conversationTyping(payload.conversationId),
    (previous) => mergeTyping(previous, payload, now),
  );
}

/** Who has the conversation open, as the server said last (one entry per person). */
export function setConversationViewers(
  queryClient: QueryClient,
  conversationId: string,
  viewers: UserRefDto[],
): void {
  queryClient.setQueryData<UserRefDto[]>(queryKeys.conversationViewers(conversationId), viewers);
}

/**
 * The conversation was closed, or the connection lost: its room's events stop, so what we knew
 * about viewers and typing is no longer kept current. Emptied (not removed, so that components
 * still showing it keep observing the same cache entry).
 */
export function forgetConversationPresence(queryClient: QueryClient, conversationId: string): void {
  const viewersKey = queryKeys.conversationViewers(conversationId);
  if (queryClient.getQueryData(viewersKey) !== undefined) {
    queryClient.setQueryData<UserRefDto[]>(viewersKey, []);
  }
  const typingKey = queryKeys.conversationTyping(conversationId);
  if (queryClient.getQueryData(typingKey) !== undefined) {
    queryClient.setQueryData<TypingEntry[]>(typingKey, []);
  }
}
