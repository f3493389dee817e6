import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ReportOverviewDto, ReportQueryInput } from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { reportsApi } from '../../../api/reports.api';
import { queryKeys } from '../../../lib/query-keys';

/**
 * The report of a range; null while the range is not valid (nothing is asked). The last figures
 * stay on screen while new ones load, so changing a filter does not blank the page.
 */
export function useReport(query: ReportQueryInput | null) {
  return useQuery<ReportOverviewDto, ApiError>({
    queryKey: queryKeys.report(query ?? { from: '', to: '' }),
    queryFn: ({ signal }) => reportsApi.overview(query!, signal),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}
