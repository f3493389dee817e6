import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConversationSummaryDto } from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { labelsApi } from '../../../api/labels.api';
import { applyConversationSummary } from '../../inbox/cache/inbox-cache';

/** Adds or removes a label of one conversation. */
export function useConversationLabel(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation<ConversationSummaryDto, ApiError, { labelId: string; add: boolean }>({
    mutationFn: ({ labelId, add }) =>
      add
        ? labelsApi.addToConversation(conversationId, labelId)
        : labelsApi.removeFromConversation(conversationId, labelId),
    onSuccess: (conversation) => applyConversationSummary(queryClient, conversation),
  });
}
