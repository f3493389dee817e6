import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TimelineDto, TimelineEntryDto } from '@touchpoint/shared';
import { conversationsApi } from '../../../api/conversations.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';
import { catchUpAfter, mergeTimeline } from '../cache/timeline-merge';

/** Stops a server that keeps answering `hasMore` from keeping us in the loop. */
const MAX_PAGES_PER_FETCH = 50;

/**
 * A conversation's timeline: messages and events by seq. The first fetch reads it all
 * (`after=0`, page by page); every later fetch (refocus, reconnect, a gap in the live events)
 * asks only for what came `after` the last seq in the cache, and merges by seq.
 */
export function useTimeline(conversationId: string) {
  const queryClient = useQueryClient();
  const queryKey = queryKeys.timeline(conversationId);
  return useQuery<TimelineDto, ApiError>({
    queryKey,
    queryFn: async ({ signal }) => {
      const cached = queryClient.getQueryData<TimelineDto>(queryKey);
      let after = cached ? catchUpAfter(cached) : 0;
      const entries: TimelineEntryDto[] = [];
      let hasMore = true;
      for (let page = 0; hasMore && page < MAX_PAGES_PER_FETCH; page += 1) {
        const answer = await conversationsApi.timeline(conversationId, { after }, signal);
        entries.push(...answer.entries);
        const next = Math.max(after, answer.lastSeq);
        hasMore = answer.hasMore && next > after;
        after = next;
      }
      // Merge into the cache as it is now: live events may have arrived while we fetched.
      const latest = queryClient.getQueryData<TimelineDto>(queryKey);
      return mergeTimeline(latest, entries, 'fresher', { lastSeq: after, hasMore });
    },
  });
}
