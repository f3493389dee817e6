import { useQuery } from '@tanstack/react-query';
import type { GoalDto } from '@touchpoint/shared';
import { goalsApi } from '../../../api/goals.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';

/** The shared goals, each with its value over 30 days, trend and who holds it back. */
export function useGoals() {
  return useQuery<GoalDto[], ApiError>({
    queryKey: queryKeys.goals(),
    queryFn: ({ signal }) => goalsApi.list(signal),
  });
}
