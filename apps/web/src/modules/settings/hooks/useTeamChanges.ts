import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { CreateTeamRequest, TeamDto } from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { teamsApi } from '../../../api/teams.api';
import { queryKeys } from '../../../lib/query-keys';

/** Who belongs where shows in pickers, the users list and one's own teams: those load again. */
function teamsChanged(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: queryKeys.teams() });
  void queryClient.invalidateQueries({ queryKey: queryKeys.users() });
  void queryClient.invalidateQueries({ queryKey: queryKeys.directory() });
  void queryClient.invalidateQueries({ queryKey: queryKeys.me() });
}

/** Creates a team; it comes with the default policy and no members. */
export function useCreateTeam() {
  const queryClient = useQueryClient();
  return useMutation<TeamDto, ApiError, CreateTeamRequest>({
    mutationFn: (body) => teamsApi.create(body),
    onSuccess: () => teamsChanged(queryClient),
  });
}

export interface TeamMembersVariables {
  id: string;
  userIds: string[];
}

/** Sets who is in a team (the whole list: adding or removing one person sends the rest too). */
export function useSetTeamMembers() {
  const queryClient = useQueryClient();
  return useMutation<TeamDto, ApiError, TeamMembersVariables>({
    mutationFn: ({ id, userIds }) => teamsApi.setMembers(id, userIds),
    onSuccess: () => teamsChanged(queryClient),
  });
}

/** Deletes a team; the server refuses while channels deliver to it. */
export function useDeleteTeam() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, string>({
    mutationFn: (id) => teamsApi.remove(id),
    onSuccess: () => teamsChanged(queryClient),
  });
}
