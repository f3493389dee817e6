import { useQuery } from '@tanstack/react-query';
import type { TeamBusinessHoursDto } from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { slaApi } from '../../../api/sla.api';
import { queryKeys } from '../../../lib/query-keys';

/** A team's business hours (null: open around the clock). */
export function useTeamBusinessHours(teamId: string) {
  return useQuery<TeamBusinessHoursDto, ApiError>({
    queryKey: queryKeys.teamBusinessHours(teamId),
    queryFn: ({ signal }) => slaApi.businessHours(teamId, signal),
  });
}
