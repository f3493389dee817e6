import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UserDto } from '@touchpoint/shared';
import { authApi } from '../../../api/auth.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';

/** Turns the signed-in user's weekly summary email on or off; the answer is the user as now. */
export function useSetWeeklySummary() {
  const queryClient = useQueryClient();
  return useMutation<UserDto, ApiError, boolean>({
    mutationFn: (enabled) => authApi.setWeeklySummary(enabled),
    onSuccess: (me) => queryClient.setQueryData(queryKeys.me(), me),
  });
}
