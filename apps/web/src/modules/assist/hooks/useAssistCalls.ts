import { useQuery } from '@tanstack/react-query';
import type { AssistCallDto } from '@touchpoint/shared';
import { assistApi } from '../../../api/assist.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';

/** The latest calls to the model server, newest first (admins). */
export function useAssistCalls() {
  return useQuery<AssistCallDto[], ApiError>({
    queryKey: queryKeys.assistCalls(),
    queryFn: ({ signal }) => assistApi.calls(signal),
  });
}
