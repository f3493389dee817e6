import { useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import type { SearchHitDto, SearchQuery, SearchResultDto } from '@touchpoint/shared';
import { searchApi } from '../../../api/search.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';
import type { MessageSearch } from '../states/search.store';

export const SEARCH_PAGE_SIZE = 20;

/** The start of a local day, and of the day after it, as instants (the user's days, not UTC's). */
function dayStart(day: string, after = 0): string {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  return new Date(y, m - 1, d + after).toISOString();
}

/** The API query of a search: local days become instants, `to` ends with its day. */
export function toSearchQuery(search: MessageSearch): SearchQuery {
  return {
    q: search.q,
    ...(search.channelKind ? { channelKind: search.channelKind } : {}),
    ...(search.status ? { status: search.status } : {}),
    ...(search.teamId ? { teamId: search.teamId } : {}),
    ...(search.ownerId ? { ownerId: search.ownerId } : {}),
    ...(search.fromDay ? { from: dayStart(search.fromDay) } : {}),
    ...(search.toDay ? { to: dayStart(search.toDay, 1) } : {}),
  };
}

/** Conversations found for `search`, page by page, the newest match first. */
export function useMessageSearch(search: MessageSearch) {
  const query = toSearchQuery(search);
  return useInfiniteQuery<
    SearchResultDto,
    ApiError,
    SearchHitDto[],
    ReturnType<typeof queryKeys.messageSearch>,
    string | null
  >({
    queryKey: queryKeys.messageSearch(query),
    queryFn: ({ pageParam, signal }) =>
      searchApi.search(
        { ...query, limit: SEARCH_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
        signal,
      ),
    initialPageParam: null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    select: (data: InfiniteData<SearchResultDto, string | null>) =>
      data.pages.flatMap((page) => page.items),
    enabled: search.q.length >= 2,
  });
}
