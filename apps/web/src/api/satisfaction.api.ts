import type { SatisfactionQueryInput, SatisfactionResultsDto } from '@touchpoint/shared';
import { http, type HttpClient } from './http';

/** `GET|PUT /api/satisfaction/settings` (admins): whether customers are asked after resolution. */
export interface SatisfactionSettingsDto {
  enabled: boolean;
  /** How long after the resolution the survey goes out. */
  delaySeconds: number;
}

/** `PUT /api/satisfaction/settings`: what is left out stays. */
export type UpdateSatisfactionSettingsRequest = Partial<SatisfactionSettingsDto>;

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
