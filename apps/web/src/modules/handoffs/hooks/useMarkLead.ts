import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { HandoffDto, MarkLeadRequest } from '@touchpoint/shared';
import { handoffsApi } from '../../../api/handoffs.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';
import { applyHandoff } from '../cache/handoff-cache';

/** Marks a conversation as a sales lead: its handoff to sales, and the Lead badge in the lists. */
export function useMarkLead(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation<HandoffDto, ApiError, MarkLeadRequest>({
    mutationFn: (body) => handoffsApi.markLead(conversationId, body),
    onSuccess: (handoff) => {
      applyHandoff(queryClient, handoff);
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversationLists() });
    },
  });
}
