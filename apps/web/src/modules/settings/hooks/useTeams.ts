import { useQuery } from '@tanstack/react-query';
import type { TeamDto } from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { teamsApi } from '../../../api/teams.api';
import { queryKeys } from '../../../lib/query-keys';

/** Every team with its members and policy (supervisors and admins may read it). */
export function useTeams() {
  return useQuery<TeamDto[], ApiError>({
    queryKey: queryKeys.teams(),
    queryFn: ({ signal }) => teamsApi.list(signal),
  });
}
