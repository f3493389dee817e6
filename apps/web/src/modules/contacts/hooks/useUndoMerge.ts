import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ContactMergeDto } from '@touchpoint/shared';
import { contactsApi } from '../../../api/contacts.api';
import type { ApiError } from '../../../api/http';
import { applyContactMerge } from '../cache/contact-cache';

/** Takes a merge back: the merged contact returns with its identities and conversations. */
export function useUndoMerge() {
  const queryClient = useQueryClient();
  return useMutation<ContactMergeDto, ApiError, string>({
    mutationFn: (mergeId) => contactsApi.undoMerge(mergeId),
    onSuccess: (merge) => applyContactMerge(queryClient, merge, true),
  });
}
