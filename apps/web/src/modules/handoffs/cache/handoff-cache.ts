import type { QueryClient } from '@tanstack/react-query';
import type { HandoffDto, HandoffStatus } from '@touchpoint/shared';
import type { HandoffListFilters } from '../../../api/handoffs.api';
import { queryKeys } from '../../../lib/query-keys';
import { catchUpTimeline } from '../../inbox/cache/inbox-cache';

/*
 * How a changed handoff (a live event, or the answer to the user's own action) changes the cached
 * server state. Used by the realtime handlers and the mutations alike.
 */

/** How far a handoff has come; a handoff never goes back, so an older copy is recognised. */
const PROGRESS: Record<HandoffStatus, number> = {
  requested: 0,
  accepted: 1,
  completed: 2,
  declined: 2,
  cancelled: 2,
  expired: 2,
};

/** The statuses each list shows (who is in it is the server's to decide). */
const LIST_STATUSES: Record<HandoffListFilters['view'], readonly HandoffStatus[]> = {
  queue: ['requested'],
  mine: ['accepted'],
  requested: ['requested', 'accepted'],
};

/** The newer of two copies of a handoff; ties go to the incoming one (escalation, reassignments). */
function newer(cached: HandoffDto | undefined, incoming: HandoffDto): HandoffDto {
  if (!cached) return incoming;
  return PROGRESS[cached.status] > PROGRESS[incoming.status] ? cached : incoming;
}

/** Puts a handoff into a conversation's list: replaced in place, or added by creation time. */
export function upsertHandoff(list: HandoffDto[], handoff: HandoffDto): HandoffDto[] {
  const index = list.findIndex((item) => item.id === handoff.id);
  if (index >= 0) {
    const chosen = newer(list[index], handoff);
    if (chosen === list[index]) return list;
    const next = [...list];
    next[index] = chosen;
    return next;
  }
  return [...list, handoff].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

function filtersOfListKey(queryKey: readonly unknown[]): HandoffListFilters | undefined {
  const filters = queryKey[2];
  if (typeof filters !== 'object' || filters === null || !('view' in filters)) return undefined;
  return filters as HandoffListFilters;
}

/**
 * A handoff changed: patch the conversation's handoffs and every loaded list at once (a handoff
 * that left a list's statuses goes), then let the server say who belongs in each list; refresh
 * what the change implies (participants, the owner after a transfer, the timeline's new event).
 */
export function applyHandoff(queryClient: QueryClient, handoff: HandoffDto): void {
  const conversationId = handoff.conversationId;
  queryClient.setQueryData<HandoffDto[]>(queryKeys.conversationHandoffs(conversationId), (old) =>
    old ? upsertHandoff(old, handoff) : old,
  );

  for (const query of queryClient.getQueryCache().findAll({ queryKey: queryKeys.handoffLists() })) {
    const filters = filtersOfListKey(query.queryKey);
    const data = query.state.data as HandoffDto[] | undefined;
    if (!filters || !data) continue;
    const shown = data.find((item) => item.id === handoff.id);
    if (!shown) continue;
    const chosen = newer(shown, handoff);
    const next = LIST_STATUSES[filters.view].includes(chosen.status)
      ? data.map((item) => (item.id === handoff.id ? chosen : item))
      : data.filter((item) => item.id !== handoff.id);
    queryClient.setQueryData(query.queryKey, next);
  }
  void queryClient.invalidateQueries({ queryKey: queryKeys.handoffLists() });

  // An accepted consult adds a participant, a finished one starts their grace period.
  void queryClient.invalidateQueries({ queryKey: queryKeys.participants(conversationId) });
  // A transfer may have moved the ownership, a consult may let its specialist reply (or no longer):
  // the conversation's owner and `mayReply` come again from the server.
  void queryClient.invalidateQueries({
    queryKey: queryKeys.conversation(conversationId),
    exact: true,
  });
  void catchUpTimeline(queryClient, conversationId);
}
