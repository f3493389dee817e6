import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SplitConversationRequest, SplitResultDto } from '@touchpoint/shared';
import { conversationMergeApi } from '../../../api/conversation-merge.api';
import type { ApiError } from '../../../api/http';
import { applyThreadChanges } from '../cache/thread-changes';

/** Moves a message and what follows into a new conversation in a team's queue. */
export function useSplitConversation(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation<SplitResultDto, ApiError, SplitConversationRequest>({
    mutationFn: (body) => conversationMergeApi.split(conversationId, body),
    onSuccess: ({ conversation, split }) => applyThreadChanges(queryClient, [conversation, split]),
  });
}
