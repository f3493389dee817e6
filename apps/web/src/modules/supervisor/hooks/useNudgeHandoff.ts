import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { HandoffDto } from '@touchpoint/shared';
import { handoffsApi } from '../../../api/handoffs.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';

/** Reminds whoever holds a consult or transfer; the board shows when they were last reminded. */
export function useNudgeHandoff() {
  const queryClient = useQueryClient();
  return useMutation<HandoffDto, ApiError, string>({
    mutationFn: (id) => handoffsApi.nudge(id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.supervisorBoard() }),
  });
}
