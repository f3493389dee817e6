import { useQuery } from '@tanstack/react-query';
import type { AssistFeature, AssistStatusDto } from '@touchpoint/shared';
import { assistApi } from '../../../api/assist.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';

/** Which AI features are usable; while unknown or unreachable, none are (nothing half-shown). */
export function useAssistStatus() {
  return useQuery<AssistStatusDto, ApiError>({
    queryKey: queryKeys.assistStatus(),
    queryFn: ({ signal }) => assistApi.status(signal),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** True when `feature` may be offered now. */
export function useAssistFeature(feature: AssistFeature): boolean {
  return useAssistStatus().data?.features[feature] === true;
}
