import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { HandoffDto } from '@touchpoint/shared';
import { handoffsApi } from '../../../api/handoffs.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';

export interface AssignRequest {
  conversationId: string;
  userId: string;
  /** What the new owner needs to know; pinned on the conversation as the transfer's note. */
  note: string;
}

/**
 * A supervisor gives a conversation to someone (themselves to take it over): a forced transfer,
 * which takes effect at once and is recorded on the timeline with its note.
 */
export function useAssignConversation() {
  const queryClient = useQueryClient();
  return useMutation<HandoffDto, ApiError, AssignRequest>({
    mutationFn: ({ conversationId, userId, note }) =>
      handoffsApi.create(conversationId, { kind: 'transfer', userId, note, force: true }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.supervisorBoard() }),
  });
}
