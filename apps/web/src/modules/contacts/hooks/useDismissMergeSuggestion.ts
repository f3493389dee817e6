import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MergeSuggestionDto } from '@touchpoint/shared';
import { contactsApi } from '../../../api/contacts.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';

/** "Not the same person": the suggestion goes and is not made again. */
export function useDismissMergeSuggestion(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, string>({
    mutationFn: (suggestionId) => contactsApi.dismissSuggestion(suggestionId),
    onSuccess: (_, suggestionId) =>
      queryClient.setQueryData<MergeSuggestionDto[]>(
        queryKeys.contactMergeSuggestions(contactId),
        (old) => old?.filter((suggestion) => suggestion.id !== suggestionId),
      ),
  });
}
