import { useQuery } from '@tanstack/react-query';
import type { LabelDto } from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { labelsApi } from '../../../api/labels.api';
import { queryKeys } from '../../../lib/query-keys';

/** The workspace labels, by name; they change rarely. */
export function useLabels() {
  return useQuery<LabelDto[], ApiError>({
    queryKey: queryKeys.labels(),
    queryFn: ({ signal }) => labelsApi.list(signal),
    staleTime: 5 * 60_000,
  });
}
