import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { JourneyOverviewDto, JourneyQueryInput } from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { journeysApi } from '../../../api/journeys.api';
import { queryKeys } from '../../../lib/query-keys';

/**
 * The journeys of a range; null while the filters are not valid (nothing is asked). The last
 * answer stays on screen while a new one loads, so changing a filter does not blank the page.
 */
export function useJourneys(query: JourneyQueryInput | null) {
  return useQuery<JourneyOverviewDto, ApiError>({
    queryKey: queryKeys.journeyOverview(query ?? { from: '', to: '' }),
    queryFn: ({ signal }) => journeysApi.overview(query!, signal),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}
