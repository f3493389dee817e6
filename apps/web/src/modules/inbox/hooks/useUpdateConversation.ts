import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConversationSummaryDto, UpdateConversationRequest } from '@touchpoint/shared';
import { conversationsApi } from '../../../api/conversations.api';
import type { ApiError } from '../../../api/http';
import { applyConversationSummary, catchUpTimeline } from '../cache/inbox-cache';

/** Changes status, priority or snooze time of a conversation. */
export function useUpdateConversation(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation<ConversationSummaryDto, ApiError, UpdateConversationRequest>({
    mutationFn: (changes) => conversationsApi.update(conversationId, changes),
    onSuccess: (conversation) => {
      applyConversationSummary(queryClient, conversation);
      void catchUpTimeline(queryClient, conversationId); // the "status changed" line
    },
  });
}
