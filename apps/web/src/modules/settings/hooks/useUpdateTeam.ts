import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TeamDto, UpdateTeamRequest } from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { teamsApi } from '../../../api/teams.api';
import { queryKeys } from '../../../lib/query-keys';

export interface UpdateTeamVariables {
  id: string;
  body: UpdateTeamRequest;
}

/**
 * Saves a team's name, description or policy. The answer replaces the team in the list; a new
 * name also shows in the pull-in picker and the user's own teams, so those load again.
 */
export function useUpdateTeam() {
  const queryClient = useQueryClient();
  return useMutation<TeamDto, ApiError, UpdateTeamVariables>({
    mutationFn: ({ id, body }) => teamsApi.update(id, body),
    onSuccess: (team, { body }) => {
      queryClient.setQueryData<TeamDto[]>(queryKeys.teams(), (teams) =>
        teams?.map((current) => (current.id === team.id ? team : current)),
      );
      if (body.name !== undefined) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.directory() });
        void queryClient.invalidateQueries({ queryKey: queryKeys.me() });
      }
    },
  });
}
