import { useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import type { ContactListDto, ContactListItemDto } from '@touchpoint/shared';
import { contactsApi } from '../../../api/contacts.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';

export const CONTACT_PAGE_SIZE = 50;

/** Contacts the user may see, matching `q` (all when empty), one page per `cursor`. */
export function useContactList(q: string, options: { enabled?: boolean } = {}) {
  return useInfiniteQuery<
    ContactListDto,
    ApiError,
    ContactListItemDto[],
    ReturnType<typeof queryKeys.contactList>,
    string | null
  >({
    queryKey: queryKeys.contactList(q),
    queryFn: ({ pageParam, signal }) =>
      contactsApi.list({ q, cursor: pageParam ?? undefined, limit: CONTACT_PAGE_SIZE }, signal),
    initialPageParam: null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    select: (data: InfiniteData<ContactListDto, string | null>) =>
      data.pages.flatMap((page) => page.contacts),
    enabled: options.enabled ?? true,
  });
}
