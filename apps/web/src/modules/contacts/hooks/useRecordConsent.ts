import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ContactDto, RecordConsentRequest } from '@touchpoint/shared';
import { contactsApi } from '../../../api/contacts.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';
import { applyContact } from '../cache/contact-cache';

/** Records a consent given or withdrawn, with where it came from. */
export function useRecordConsent(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation<ContactDto, ApiError, RecordConsentRequest>({
    mutationFn: (body) => contactsApi.recordConsent(contactId, body),
    onSuccess: (contact) => {
      applyContact(queryClient, contact);
      void queryClient.invalidateQueries({ queryKey: queryKeys.contactHistory(contactId) });
    },
  });
}
