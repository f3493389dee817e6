import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SplitConsultRequest, SplitResultDto } from '@touchpoint/shared';
import { conversationMergeApi } from '../../../api/conversation-merge.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';
import { applyThreadChanges } from '../../inbox/cache/thread-changes';

/** An automatic consult's request becomes its own conversation in the team asked; the consult ends. */
export function useSplitConsult(handoffId: string) {
  const queryClient = useQueryClient();
  return useMutation<SplitResultDto, ApiError, SplitConsultRequest>({
    mutationFn: (body) => conversationMergeApi.splitConsult(handoffId, body),
    onSuccess: ({ conversation, split }) => {
      applyThreadChanges(queryClient, [conversation, split]);
      void queryClient.invalidateQueries({ queryKey: queryKeys.handoffLists() });
    },
  });
}
