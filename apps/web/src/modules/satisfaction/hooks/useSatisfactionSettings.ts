import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiError } from '../../../api/http';
import type {
  SatisfactionSettingsDto,
  UpdateSatisfactionSettingsRequest,
} from '@touchpoint/shared';
import { satisfactionApi } from '../../../api/satisfaction.api';
import { queryKeys } from '../../../lib/query-keys';

/** Whether customers are asked for their satisfaction (admins). */
export function useSatisfactionSettings() {
  return useQuery<SatisfactionSettingsDto, ApiError>({
    queryKey: queryKeys.satisfactionSettings(),
    queryFn: ({ signal }) => satisfactionApi.settings(signal),
  });
}

/** Switches the surveys on or off or sets their delay; the answer is the new state. */
export function useUpdateSatisfactionSettings() {
  const queryClient = useQueryClient();
  return useMutation<SatisfactionSettingsDto, ApiError, UpdateSatisfactionSettingsRequest>({
    mutationFn: (body) => satisfactionApi.updateSettings(body),
    onSuccess: (settings) => queryClient.setQueryData(queryKeys.satisfactionSettings(), settings),
  });
}
