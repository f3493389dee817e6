import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ContactDto, UpdateContactRequest } from '@touchpoint/shared';
import { contactsApi } from '../../../api/contacts.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';
import { applyContact } from '../cache/contact-cache';

/** Changes a contact's profile; the answer replaces it wherever it is shown. */
export function useUpdateContact(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation<ContactDto, ApiError, UpdateContactRequest>({
    mutationFn: (body) => contactsApi.update(contactId, body),
    onSuccess: (contact) => {
      applyContact(queryClient, contact);
      void queryClient.invalidateQueries({ queryKey: queryKeys.contactHistory(contactId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.contactLists() });
    },
  });
}
