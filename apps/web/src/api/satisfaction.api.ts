import type {
  SatisfactionQueryInput,
  SatisfactionResultsDto,
  SatisfactionSettingsDto,
  UpdateSatisfactionSettingsRequest,
} from '@touchpoint/shared';
import { http, type HttpClient } from './http';

/** `/api/satisfaction`: the survey results (supervisors, managers, admins) and the admins' switch. */
export interface SatisfactionApi {
  /** Surveys sent in a date range: totals, distribution and response rate, per team, channel and agent. */
  results(query: SatisfactionQueryInput, signal?: AbortSignal): Promise<SatisfactionResultsDto>;
  settings(signal?: AbortSignal): Promise<SatisfactionSettingsDto>;
  updateSettings(body: UpdateSatisfactionSettingsRequest): Promise<SatisfactionSettingsDto>;
}

export function createSatisfactionApi(client: HttpClient): SatisfactionApi {
  return {
    results: (query, signal) =>
      client.get<SatisfactionResultsDto>('/api/satisfaction', {
        signal,
        query: {
          from: query.from,
          to: query.to,
          timeZone: query.timeZone,
          teamId: query.teamId,
          channelKind: query.channelKind,
        },
      }),
    settings: (signal) =>
      client.get<SatisfactionSettingsDto>('/api/satisfaction/settings', { signal }),
    updateSettings: (body) =>
      client.request<SatisfactionSettingsDto>('/api/satisfaction/settings', {
        method: 'PUT',
        body,
      }),
  };
}

export const satisfactionApi: SatisfactionApi = createSatisfactionApi(http);
