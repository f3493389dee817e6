import { useQuery } from '@tanstack/react-query';
import type { TeamSlaPoliciesDto } from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { slaApi } from '../../../api/sla.api';
import { queryKeys } from '../../../lib/query-keys';

/** A team's SLA policies, the default first. */
export function useTeamSlaPolicies(teamId: string) {
  return useQuery<TeamSlaPoliciesDto, ApiError>({
    queryKey: queryKeys.teamSlaPolicies(teamId),
    queryFn: ({ signal }) => slaApi.policies(teamId, signal),
  });
}
