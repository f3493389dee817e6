import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateGoalRequest, GoalDto, UpdateGoalRequest } from '@touchpoint/shared';
import { goalsApi } from '../../../api/goals.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';

/** A goal's figures are computed by the server: after any change the list loads again. */
function useGoalsChanged() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: queryKeys.goals() });
}

export function useCreateGoal() {
  const changed = useGoalsChanged();
  return useMutation<GoalDto, ApiError, CreateGoalRequest>({
    mutationFn: (body) => goalsApi.create(body),
    onSuccess: changed,
  });
}

export interface UpdateGoalVariables {
  id: string;
  body: UpdateGoalRequest;
}

export function useUpdateGoal() {
  const changed = useGoalsChanged();
  return useMutation<GoalDto, ApiError, UpdateGoalVariables>({
    mutationFn: ({ id, body }) => goalsApi.update(id, body),
    onSuccess: changed,
  });
}

export function useDeleteGoal() {
  const changed = useGoalsChanged();
  return useMutation<void, ApiError, string>({
    mutationFn: (id) => goalsApi.remove(id),
    onSuccess: changed,
  });
}
