import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BusinessCalendarInput, TeamBusinessHoursDto } from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { slaApi } from '../../../api/sla.api';
import { queryKeys } from '../../../lib/query-keys';

export interface SaveBusinessHoursVariables {
  teamId: string;
  /** null: back to open around the clock. */
  calendar: BusinessCalendarInput | null;
}

/** Saves a team's business hours (or removes them); the answer replaces the cached ones. */
export function useSaveBusinessHours() {
  const queryClient = useQueryClient();
  return useMutation<TeamBusinessHoursDto, ApiError, SaveBusinessHoursVariables>({
    mutationFn: async ({ teamId, calendar }) => {
      if (calendar) return slaApi.setBusinessHours(teamId, calendar);
      await slaApi.clearBusinessHours(teamId);
      return { teamId, businessHours: null };
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.teamBusinessHours(saved.teamId), saved);
    },
  });
}
