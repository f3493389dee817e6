import { useQuery } from '@tanstack/react-query';
import type { HandoffDto } from '@touchpoint/shared';
import { handoffsApi, type HandoffListFilters } from '../../../api/handoffs.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';

/** A handoff list (queue, mine, requested), oldest first; `handoff.*` events refresh it. */
export function useHandoffList(filters: HandoffListFilters) {
  return useQuery<HandoffDto[], ApiError>({
    queryKey: queryKeys.handoffList(filters),
    queryFn: ({ signal }) => handoffsApi.list(filters, signal),
  });
}
