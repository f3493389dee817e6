import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SatisfactionQueryInput, SatisfactionResultsDto } from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { satisfactionApi } from '../../../api/satisfaction.api';
import { queryKeys } from '../../../lib/query-keys';

/**
 * The satisfaction results of a range; null while the range is not valid (nothing is asked). The
 * last figures stay on screen while new ones load, so changing a filter does not blank the page.
 */
export function useSatisfaction(query: SatisfactionQueryInput | null) {
  return useQuery<SatisfactionResultsDto, ApiError>({
    queryKey: queryKeys.satisfaction(query ?? { from: '', to: '' }),
    queryFn: ({ signal }) => satisfactionApi.results(query!, signal),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}
