import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ContactDto } from '@touchpoint/shared';
import { contactsApi } from '../../../api/contacts.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';
import { applyContact } from '../cache/contact-cache';

/** Removes an unverified address (the API refuses a verified one and says why). */
export function useRemoveIdentity(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation<ContactDto, ApiError, string>({
    mutationFn: (identityId) => contactsApi.removeIdentity(contactId, identityId),
    onSuccess: (contact) => {
      applyContact(queryClient, contact);
      void queryClient.invalidateQueries({ queryKey: queryKeys.contactHistory(contactId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.contactLists() });
    },
  });
}
