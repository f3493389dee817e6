import { useQuery } from '@tanstack/react-query';
import type { MergeSuggestionDto } from '@touchpoint/shared';
import { contactsApi } from '../../../api/contacts.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';

/** Contacts that may be the same person as this one, with the evidence. */
export function useMergeSuggestions(contactId: string) {
  return useQuery<MergeSuggestionDto[], ApiError>({
    queryKey: queryKeys.contactMergeSuggestions(contactId),
    queryFn: ({ signal }) => contactsApi.mergeSuggestions(contactId, signal),
  });
}
