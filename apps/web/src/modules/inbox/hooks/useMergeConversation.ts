import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MergeConversationRequest, MergeResultDto } from '@touchpoint/shared';
import { conversationMergeApi } from '../../../api/conversation-merge.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';
import { applyThreadChanges } from '../cache/thread-changes';

/** Merges another conversation of the contact into this one; the thread reloads in its new order. */
export function useMergeConversation(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation<MergeResultDto, ApiError, MergeConversationRequest>({
    mutationFn: (body) => conversationMergeApi.merge(conversationId, body),
    onSuccess: ({ conversation }, { sourceConversationId }) => {
      applyThreadChanges(queryClient, [conversation]);
      // The merged-away conversation is resolved now and points here.
      void queryClient.invalidateQueries({
        queryKey: queryKeys.conversation(sourceConversationId),
        exact: true,
      });
    },
  });
}
