import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConversationSummaryDto } from '@touchpoint/shared';
import { conversationsApi } from '../../../api/conversations.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';
import { applyConversationSummary, catchUpTimeline } from '../cache/inbox-cache';

/** Takes an unassigned conversation; 409 when someone else owns it already. */
export function useClaimConversation(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation<ConversationSummaryDto, ApiError, void>({
    mutationFn: () => conversationsApi.claim(conversationId),
    onSuccess: (conversation) => {
      applyConversationSummary(queryClient, conversation);
      void catchUpTimeline(queryClient, conversationId); // the "claimed by" line
    },
    onError: (error) => {
      // Someone was faster: show who owns it now.
      if (error.status === 409) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.conversation(conversationId) });
      }
    },
  });
}
