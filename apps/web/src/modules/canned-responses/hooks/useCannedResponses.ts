import { useQuery } from '@tanstack/react-query';
import type { CannedResponseDto } from '@touchpoint/shared';
import { cannedResponsesApi } from '../../../api/canned-responses.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';

/** The canned responses the user may insert (own and their teams'), their language first. */
export function useCannedResponses(enabled = true) {
  return useQuery<CannedResponseDto[], ApiError>({
    queryKey: queryKeys.cannedResponses(),
    queryFn: ({ signal }) => cannedResponsesApi.list(signal),
    staleTime: 60_000,
    enabled,
  });
}
