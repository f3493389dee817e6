import { useQuery } from '@tanstack/react-query';
import type { AssistSettingsDto } from '@touchpoint/shared';
import { assistApi } from '../../../api/assist.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';

/** The AI switches, the model and whether it is configured (admins). */
export function useAssistSettings() {
  return useQuery<AssistSettingsDto, ApiError>({
    queryKey: queryKeys.assistSettings(),
    queryFn: ({ signal }) => assistApi.settings(signal),
  });
}
