import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import type { TimelineEntryDto } from '@touchpoint/shared';
import { conversationsApi } from '../../../api/conversations.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';
import {
  catchUpAfter,
  mergeOlder,
  mergeTimeline,
  olderBefore,
  type LoadedTimeline,
} from '../cache/timeline-merge';
import { conversationQuery } from './useConversation';

/** Stops a server that keeps answering `hasMore` from keeping us in the loop. */
const MAX_PAGES_PER_FETCH = 50;

/** Entries read at a time backward: the thread opens with the latest ones. */
export const TIMELINE_PAGE = 50;

/**
 * A conversation's timeline: messages and events by seq. The first fetch opens it at its end
 * (`before` = the conversation's last seq + 1, one page) and then reads `after` that, in case
 * something arrived meanwhile; every later fetch (refocus, reconnect, a gap in the live events)
 * asks only for what came `after` the last seq in the cache, and merges by seq. Older entries
 * come with `useOlderTimeline`.
 */
export function useTimeline(conversationId: string) {
  const queryClient = useQueryClient();
  const queryKey = queryKeys.timeline(conversationId);
  return useQuery<LoadedTimeline, ApiError>({
    queryKey,
    queryFn: async ({ signal }) => {
      const cached = queryClient.getQueryData<LoadedTimeline>(queryKey);
      const read = await readTimeline(queryClient, conversationId, cached, signal);
      // A merge or split renumbered the thread since: what the cache holds means other entries now.
      if (cached && read.epoch !== cached.epoch) {
        const fresh = await readTimeline(queryClient, conversationId, undefined, signal);
        return { ...mergeTimeline(undefined, fresh.entries, 'fresher', fresh), ...fresh.meta };
      }
      // Merge into the cache as it is now: live events may have arrived while we fetched.
      const latest = queryClient.getQueryData<LoadedTimeline>(queryKey);
      const merged = mergeTimeline(latest, read.entries, 'fresher', read);
      if (!latest) return { ...merged, ...read.meta };
      return merged.epoch === read.epoch ? merged : { ...merged, epoch: read.epoch };
    },
  });
}

/**
 * Reads a timeline: with `cached`, only what came after its last seq; without, its end (`before` =
 * the conversation's last seq + 1, one page) and then on `after` that, in case something arrived
 * meanwhile. Answers the entries, the seq they are complete up to, and the epoch they were read in.
 */
async function readTimeline(
  queryClient: QueryClient,
  conversationId: string,
  cached: LoadedTimeline | undefined,
  signal: AbortSignal,
) {
  const entries: TimelineEntryDto[] = [];
  let after: number;
  let hasOlder = false;
  let epoch: number | undefined;
  if (cached) {
    after = catchUpAfter(cached);
  } else {
    const { lastSeq } = await queryClient.ensureQueryData(conversationQuery(conversationId));
    after = 0;
    if (lastSeq > 0) {
      // The page vouches for everything up to its newest entry; the loop below reads on.
      const end = await conversationsApi.timeline(
        conversationId,
        { before: lastSeq + 1, limit: TIMELINE_PAGE },
        signal,
      );
      entries.push(...end.entries);
      after = end.lastSeq;
      hasOlder = end.hasMore;
      epoch = end.epoch;
    }
  }
  let hasMore = true;
  for (let page = 0; hasMore && page < MAX_PAGES_PER_FETCH; page += 1) {
    const answer = await conversationsApi.timeline(conversationId, { after }, signal);
    entries.push(...answer.entries);
    // The epoch of the first answer: a renumbering while reading shows on the next read.
    epoch ??= answer.epoch;
    const next = Math.max(after, answer.lastSeq);
    hasMore = answer.hasMore && next > after;
    after = next;
  }
  return { entries, lastSeq: after, hasMore, epoch, meta: { hasOlder, epoch } };
}

/**
 * Reads the page before the first entry held and puts it in front. One page at a time: a call
 * while one is under way, or when nothing older exists, does nothing.
 */
export function useOlderTimeline(conversationId: string) {
  const queryClient = useQueryClient();
  const queryKey = queryKeys.timeline(conversationId);
  const mutation = useMutation<void, ApiError>({
    mutationFn: async () => {
      const held = queryClient.getQueryData<LoadedTimeline>(queryKey);
      const before = held && olderBefore(held);
      if (before === undefined) return;
      const page = await conversationsApi.timeline(conversationId, {
        before,
        limit: TIMELINE_PAGE,
      });
      queryClient.setQueryData<LoadedTimeline>(queryKey, (old) =>
        old ? mergeOlder(old, page) : old,
      );
    },
  });
  // Scroll events come faster than renders: the flag, not `isPending`, keeps it to one request.
  const inFlight = useRef(false);
  const { mutate } = mutation;
  const loadOlder = useCallback(() => {
    if (inFlight.current) return;
    inFlight.current = true;
    mutate(undefined, {
      onSettled: () => {
        inFlight.current = false;
      },
    });
  }, [mutate]);
  return { loadOlder, isPending: mutation.isPending, error: mutation.error };
}
