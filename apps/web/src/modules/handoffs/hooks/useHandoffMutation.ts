import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { HandoffDto } from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';
import { applyHandoff } from '../cache/handoff-cache';

/** What a handoff action is called with: the handoff as shown, and the action's input. */
export type HandoffActionVariables<Input> = { handoff: HandoffDto } & Input;

/**
 * A step of a handoff (accept, decline, complete, cancel): the answer patches the cache. A 409
 * (someone else was faster, or it changed meanwhile) refetches the handoff, so the current state
 * shows next to the API's message.
 */
export function useHandoffMutation<Input extends object>(
  run: (variables: HandoffActionVariables<Input>) => Promise<HandoffDto>,
) {
  const queryClient = useQueryClient();
  return useMutation<HandoffDto, ApiError, HandoffActionVariables<Input>>({
    mutationFn: run,
    onSuccess: (handoff) => applyHandoff(queryClient, handoff),
    onError: (error, { handoff }) => {
      if (error.status !== 409 && error.status !== 403) return;
      void queryClient.invalidateQueries({
        queryKey: queryKeys.conversationHandoffs(handoff.conversationId),
      });
      void queryClient.invalidateQueries({ queryKey: queryKeys.handoffLists() });
    },
  });
}
