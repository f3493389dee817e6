import { useQuery } from '@tanstack/react-query';
import type { ContactDto } from '@touchpoint/shared';
import { contactsApi } from '../../../api/contacts.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';

/**
 * A contact with identities and past conversations. `initial` (e.g. the contact a conversation
 * came with) is shown at once and counts as fresh, so opening a thread costs no extra request.
 */
export function useContact(id: string, initial?: ContactDto) {
  return useQuery<ContactDto, ApiError>({
    queryKey: queryKeys.contact(id),
    queryFn: ({ signal }) => contactsApi.get(id, signal),
    initialData: initial,
  });
}
