import { useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import type {
  JourneyConversationRowDto,
  JourneyConversationsDto,
  JourneyQueryInput,
} from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { journeysApi } from '../../../api/journeys.api';
import { queryKeys } from '../../../lib/query-keys';

export const JOURNEY_DRILL_PAGE = 25;

/** The conversations behind one journey number (its drill-down key), page by page, oldest first. */
export function useJourneyConversations(query: JourneyQueryInput, key: string) {
  return useInfiniteQuery<
    JourneyConversationsDto,
    ApiError,
    JourneyConversationRowDto[],
    ReturnType<typeof queryKeys.journeyConversations>,
    number
  >({
    queryKey: queryKeys.journeyConversations(query, key),
    queryFn: ({ pageParam, signal }) =>
      journeysApi.conversations(
        query,
        { key, offset: pageParam, limit: JOURNEY_DRILL_PAGE },
        signal,
      ),
    initialPageParam: 0,
    getNextPageParam: (lastPage) => lastPage.nextOffset ?? undefined,
    select: (data: InfiniteData<JourneyConversationsDto, number>) =>
      data.pages.flatMap((page) => page.conversations),
  });
}
