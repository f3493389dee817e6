import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ContactErasureDto } from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { privacyApi } from '../../../api/privacy.api';
import { queryKeys } from '../../../lib/query-keys';

/** Erases a contact's personal data; everything showing them is read again. */
export function useEraseContact(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation<ContactErasureDto, ApiError>({
    mutationFn: () => privacyApi.eraseContact(contactId),
    onSuccess: () => {
      for (const queryKey of [
        queryKeys.contact(contactId),
        queryKeys.contactLists(),
        queryKeys.conversations(),
        queryKeys.conversationDetails(),
        queryKeys.auditLog(),
        queryKeys.timelines(),
        queryKeys.messageSearches(),
      ])
        void queryClient.invalidateQueries({ queryKey });
    },
  });
}
