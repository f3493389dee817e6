import { useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import type { ConversationListDto, ConversationSummaryDto } from '@touchpoint/shared';
import { conversationsApi, type ConversationFilters } from '../../../api/conversations.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';

export const CONVERSATION_PAGE_SIZE = 30;

/** A conversation list, newest activity first, one page per `cursor`; live events patch it. */
export function useConversationList(filters: ConversationFilters) {
  return useInfiniteQuery<
    ConversationListDto,
    ApiError,
    ConversationSummaryDto[],
    ReturnType<typeof queryKeys.conversationList>,
    string | null
  >({
    queryKey: queryKeys.conversationList(filters),
    queryFn: ({ pageParam, signal }) =>
      conversationsApi.list(filters, { cursor: pageParam, limit: CONVERSATION_PAGE_SIZE }, signal),
    initialPageParam: null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    select: (data: InfiniteData<ConversationListDto, string | null>) =>
      data.pages.flatMap((page) => page.items),
    // The `team` view is meaningless without its team.
    enabled: filters.view !== 'team' || Boolean(filters.teamId),
  });
}
