import type { QueryClient } from '@tanstack/react-query';
import type {
  ConversationDto,
  ConversationSummaryDto,
  MessageDto,
  TimelineDto,
  UserDto,
} from '@touchpoint/shared';
import type { ConversationFilters } from '../../../api/conversations.api';
import { queryKeys } from '../../../lib/query-keys';
import {
  findInList,
  listAccepts,
  upsertIntoList,
  type ConversationListData,
} from './conversation-list-merge';
import { applyContactPreference } from '../../contacts/cache/contact-cache';
import { mayReplyBySummary } from '../format/composer-modes';
import {
  mergeTimeline,
  messageEntry,
  type LoadedTimeline,
  type MergePolicy,
} from './timeline-merge';

/*
 * How server answers and live events change the inbox's cached server state. Used by the
 * realtime handlers and by the mutations, so both patch the cache the same way.
 */

function filtersOfListKey(queryKey: readonly unknown[]): ConversationFilters | undefined {
  const filters = queryKey[2];
  if (typeof filters !== 'object' || filters === null || !('view' in filters)) return undefined;
  return filters as ConversationFilters;
}

/** The copy of a conversation the cache shows, from its detail or any loaded list. */
function cachedSummary(queryClient: QueryClient, id: string): ConversationSummaryDto | undefined {
  const detail = queryClient.getQueryData<ConversationDto>(queryKeys.conversation(id));
  if (detail) return detail;
  for (const [, data] of queryClient.getQueriesData<ConversationListData>({
    queryKey: queryKeys.conversationLists(),
  })) {
    const found = findInList(data, id);
    if (found) return found;
  }
  return undefined;
}

/**
 * A conversation changed (live event, claim, status change): patch its detail, move it in or
 * out of every loaded list, and refresh the counts if it may have moved between views.
 */
export function applyConversationSummary(
  queryClient: QueryClient,
  conversation: ConversationSummaryDto,
): void {
  const before = cachedSummary(queryClient, conversation.id);
  if (before && isOlder(conversation, before)) return; // an older copy arrived late

  const me = queryClient.getQueryData<UserDto>(queryKeys.me());
  const detailKey = queryKeys.conversation(conversation.id);
  const detail = queryClient.getQueryData<ConversationDto>(detailKey);
  const ownerChanged = detail !== undefined && detail.owner?.id !== conversation.owner?.id;
  queryClient.setQueryData<ConversationDto>(detailKey, (old) => {
    if (!old) return old;
    // Until the server says again, the new owner decides as far as the summary tells.
    const mayReply = ownerChanged && me ? mayReplyBySummary(conversation, me) : old.mayReply;
    return { ...old, ...conversation, mayReply };
  });
  // Who may reply (`mayReply`, e.g. a specialist allowed to) is the server's to say: ask again.
  if (ownerChanged) void queryClient.invalidateQueries({ queryKey: detailKey, exact: true });
  // A colleague changed how the contact prefers to be reached: the panel and the composer follow.
  const { preferredChannel } = conversation.contact;
  if (preferredChannel !== undefined)
    applyContactPreference(queryClient, conversation.contact.id, preferredChannel, [
      conversation.id,
    ]);

  for (const query of queryClient
    .getQueryCache()
    .findAll({ queryKey: queryKeys.conversationLists() })) {
    const filters = filtersOfListKey(query.queryKey);
    const data = query.state.data as ConversationListData | undefined;
    if (!filters || !data) continue;
    const result = upsertIntoList(data, conversation, listAccepts(filters, conversation, me));
    if (result.data !== data) queryClient.setQueryData(query.queryKey, result.data);
    if (result.refetch) {
      void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true });
    }
  }

  const movedViews =
    !before ||
    before.owner?.id !== conversation.owner?.id ||
    before.status !== conversation.status ||
    before.team?.id !== conversation.team?.id;
  if (movedViews) {
    void queryClient.invalidateQueries({ queryKey: queryKeys.conversationCounts() });
  }
}

/**
 * Whether `copy` is older than `held`: of an earlier timeline epoch, or of the same with a lower
 * last seq. (An undone merge lowers the last seq, in a newer epoch.)
 */
function isOlder(copy: ConversationSummaryDto, held: ConversationSummaryDto): boolean {
  const [epoch, heldEpoch] = [copy.timelineEpoch ?? 0, held.timelineEpoch ?? 0];
  return epoch !== heldEpoch ? epoch < heldEpoch : copy.lastSeq < held.lastSeq;
}

/**
 * Whether a loaded timeline misses something the summary tells of: newer entries, or a merge or
 * split that renumbered it (its epoch changed); the timeline's query then reads what it needs.
 */
export function timelineBehind(
  queryClient: QueryClient,
  conversation: Pick<ConversationSummaryDto, 'id' | 'lastSeq' | 'timelineEpoch'>,
): boolean {
  const loaded = queryClient.getQueryData<LoadedTimeline>(queryKeys.timeline(conversation.id));
  if (!loaded) return false;
  if (conversation.lastSeq > loaded.lastSeq) return true;
  return (conversation.timelineEpoch ?? 0) !== (loaded.epoch ?? conversation.timelineEpoch ?? 0);
}

/** Puts a message into its conversation's timeline, if that timeline is loaded. */
export function applyMessage(
  queryClient: QueryClient,
  message: MessageDto,
  policy: MergePolicy,
): void {
  queryClient.setQueryData<TimelineDto>(queryKeys.timeline(message.conversationId), (old) =>
    old ? mergeTimeline(old, [messageEntry(message)], policy) : old,
  );
}

/** The seq up to which a loaded timeline is complete, or undefined when it is not loaded. */
export function loadedTimelineSeq(
  queryClient: QueryClient,
  conversationId: string,
): number | undefined {
  return queryClient.getQueryData<TimelineDto>(queryKeys.timeline(conversationId))?.lastSeq;
}

/**
 * Fetches what a loaded timeline is missing (`after=<last seq>`) and merges it; the query
 * function of `useTimeline` is incremental. An unmounted timeline catches up when shown again.
 */
export function catchUpTimeline(queryClient: QueryClient, conversationId: string): Promise<void> {
  return queryClient.invalidateQueries({
    queryKey: queryKeys.timeline(conversationId),
    exact: true,
  });
}

/** A suggested reply was sent (by us, or someone was faster): its card shows "Sent". */
export function markSuggestionSent(
  queryClient: QueryClient,
  conversationId: string,
  suggestionId: string,
  sentMessageId: string | null,
): void {
  queryClient.setQueryData<TimelineDto>(queryKeys.timeline(conversationId), (old) => {
    if (!old) return old;
    const entry = old.entries.find(
      (item) => item.type === 'message' && item.message.id === suggestionId,
    );
    if (!entry || entry.type !== 'message' || entry.message.suggestion?.status === 'sent') {
      return old;
    }
    const message: MessageDto = {
      ...entry.message,
      suggestion: { status: 'sent', sentMessageId },
    };
    return mergeTimeline(old, [messageEntry(message)], 'incoming');
  });
}
