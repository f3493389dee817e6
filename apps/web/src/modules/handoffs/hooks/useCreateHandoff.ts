import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateHandoffRequest, HandoffDto } from '@touchpoint/shared';
import { handoffsApi } from '../../../api/handoffs.api';
import type { ApiError } from '../../../api/http';
import { applyHandoff } from '../cache/handoff-cache';

/** Pulls a team or person into a conversation (consult) or asks them to take it over (transfer). */
export function useCreateHandoff(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation<HandoffDto, ApiError, CreateHandoffRequest>({
    mutationFn: (body) => handoffsApi.create(conversationId, body),
    onSuccess: (handoff) => applyHandoff(queryClient, handoff),
  });
}
