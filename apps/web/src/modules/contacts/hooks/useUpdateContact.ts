import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ContactDto, UpdateContactRequest } from '@touchpoint/shared';
import { contactsApi } from '../../../api/contacts.api';
import type { ApiError } from '../../../api/http';
import { applyContact } from '../cache/contact-cache';

/** Changes a contact (its preferred channel); the answer replaces it wherever it is shown. */
export function useUpdateContact(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation<ContactDto, ApiError, UpdateContactRequest>({
    mutationFn: (body) => contactsApi.update(contactId, body),
    onSuccess: (contact) => applyContact(queryClient, contact),
  });
}
