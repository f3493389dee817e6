import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TeamSlaPoliciesDto, TeamSlaPoliciesRequest } from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { slaApi } from '../../../api/sla.api';
import { queryKeys } from '../../../lib/query-keys';

export interface SaveSlaPoliciesVariables {
  teamId: string;
  body: TeamSlaPoliciesRequest;
}

/** Replaces a team's SLA policies; the answer replaces the cached list. */
export function useSaveSlaPolicies() {
  const queryClient = useQueryClient();
  return useMutation<TeamSlaPoliciesDto, ApiError, SaveSlaPoliciesVariables>({
    mutationFn: ({ teamId, body }) => slaApi.replacePolicies(teamId, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.teamSlaPolicies(saved.teamId), saved);
    },
  });
}
