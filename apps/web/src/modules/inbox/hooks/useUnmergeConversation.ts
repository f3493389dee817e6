import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UnmergeConversationRequest, UnmergeResultDto } from '@touchpoint/shared';
import { conversationMergeApi } from '../../../api/conversation-merge.api';
import type { ApiError } from '../../../api/http';
import { applyThreadChanges } from '../cache/thread-changes';

/** Undoes a merge into this conversation: both threads as they were. */
export function useUnmergeConversation(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation<UnmergeResultDto, ApiError, UnmergeConversationRequest>({
    mutationFn: (body) => conversationMergeApi.unmerge(conversationId, body),
    onSuccess: ({ conversation, restored }) =>
      applyThreadChanges(queryClient, [conversation, restored]),
  });
}
