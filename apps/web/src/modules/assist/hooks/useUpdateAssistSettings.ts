import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AssistSettingsDto, UpdateAssistSettingsRequest } from '@touchpoint/shared';
import { assistApi } from '../../../api/assist.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';

/** Switches AI features on or off; everyone's buttons follow on their next status read. */
export function useUpdateAssistSettings() {
  const queryClient = useQueryClient();
  return useMutation<AssistSettingsDto, ApiError, UpdateAssistSettingsRequest>({
    mutationFn: (body) => assistApi.updateSettings(body),
    onSuccess: (settings) => {
      queryClient.setQueryData(queryKeys.assistSettings(), settings);
      void queryClient.invalidateQueries({ queryKey: queryKeys.assistStatus() });
    },
  });
}
