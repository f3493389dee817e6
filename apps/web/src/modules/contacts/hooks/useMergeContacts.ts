import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ContactMergeDto, MergeContactsRequest } from '@touchpoint/shared';
import { contactsApi } from '../../../api/contacts.api';
import type { ApiError } from '../../../api/http';
import { applyContactMerge } from '../cache/contact-cache';

export interface MergeContactsVariables {
  /** The contact kept; the other one is merged into it. */
  keptContactId: string;
  request: MergeContactsRequest;
}

/** Merges one contact into another (`POST /api/contacts/:kept/merge`). */
export function useMergeContacts() {
  const queryClient = useQueryClient();
  return useMutation<ContactMergeDto, ApiError, MergeContactsVariables>({
    mutationFn: ({ keptContactId, request }) => contactsApi.merge(keptContactId, request),
    onSuccess: (merge) => applyContactMerge(queryClient, merge, false),
  });
}
