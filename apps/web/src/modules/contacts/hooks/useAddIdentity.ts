import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AddIdentityRequest, ContactDto } from '@touchpoint/shared';
import { contactsApi } from '../../../api/contacts.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';
import { applyContact } from '../cache/contact-cache';

/**
 * Adds an address the customer gave. When another contact holds it the API answers 409 with
 * `related.contactId`: the caller offers to merge the two.
 */
export function useAddIdentity(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation<ContactDto, ApiError, AddIdentityRequest>({
    mutationFn: (body) => contactsApi.addIdentity(contactId, body),
    onSuccess: (contact) => {
      applyContact(queryClient, contact);
      void queryClient.invalidateQueries({ queryKey: queryKeys.contactHistory(contactId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.contactLists() });
    },
  });
}
