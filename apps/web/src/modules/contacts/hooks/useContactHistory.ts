import { useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import type { ContactChangeDto } from '@touchpoint/shared';
import { contactsApi, type ContactHistoryDto } from '../../../api/contacts.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';

/** Who changed what on a contact and when, newest first, one page per `cursor`. */
export function useContactHistory(contactId: string) {
  return useInfiniteQuery<
    ContactHistoryDto,
    ApiError,
    ContactChangeDto[],
    ReturnType<typeof queryKeys.contactHistory>,
    string | null
  >({
    queryKey: queryKeys.contactHistory(contactId),
    queryFn: ({ pageParam, signal }) =>
      contactsApi.history(contactId, pageParam ?? undefined, signal),
    initialPageParam: null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    select: (data: InfiniteData<ContactHistoryDto, string | null>) =>
      data.pages.flatMap((page) => page.changes),
  });
}
