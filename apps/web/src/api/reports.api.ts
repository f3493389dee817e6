import type { ReportOverviewDto, ReportQueryInput } from '@touchpoint/shared';
import { http, type HttpClient } from './http';

/** `/api/reports`: what supervisors and admins look back on. */
export interface ReportsApi {
  /** The figures of a date range in a time zone, optionally for one team, channel or agent. */
  overview(query: ReportQueryInput, signal?: AbortSignal): Promise<ReportOverviewDto>;
}

export function createReportsApi(client: HttpClient): ReportsApi {
  return {
    overview: (query, signal) =>
      client.get<ReportOverviewDto>('/api/reports/overview', {
        signal,
        query: {
          from: query.from,
          to: query.to,
          timeZone: query.timeZone,
          teamId: query.teamId,
          channelKind: query.channelKind,
          agentId: query.agentId,
        },
      }),
  };
}

export const reportsApi: ReportsApi = createReportsApi(http);
