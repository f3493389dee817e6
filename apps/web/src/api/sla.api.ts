import type {
  BusinessCalendarInput,
  TeamBusinessHoursDto,
  TeamSlaPoliciesDto,
  TeamSlaPoliciesRequest,
} from '@touchpoint/shared';
import { http, type HttpClient } from './http';

/**
 * A team's business hours and SLA policies: supervisors and admins read them, admins change them.
 */
export interface SlaApi {
  /** The team's own hours; `businessHours` null means open around the clock (Europe/Berlin). */
  businessHours(teamId: string, signal?: AbortSignal): Promise<TeamBusinessHoursDto>;
  setBusinessHours(teamId: string, body: BusinessCalendarInput): Promise<TeamBusinessHoursDto>;
  /** Back to open around the clock. */
  clearBusinessHours(teamId: string): Promise<void>;
  /** The team's policies, the default first. */
  policies(teamId: string, signal?: AbortSignal): Promise<TeamSlaPoliciesDto>;
  /** Replaces the team's whole list. */
  replacePolicies(teamId: string, body: TeamSlaPoliciesRequest): Promise<TeamSlaPoliciesDto>;
}

const teamPath = (teamId: string, rest: string) =>
  `/api/teams/${encodeURIComponent(teamId)}/${rest}`;

export function createSlaApi(client: HttpClient): SlaApi {
  return {
    businessHours: (teamId, signal) =>
      client.get<TeamBusinessHoursDto>(teamPath(teamId, 'business-hours'), { signal }),
    setBusinessHours: (teamId, body) =>
      client.request<TeamBusinessHoursDto>(teamPath(teamId, 'business-hours'), {
        method: 'PUT',
        body,
      }),
    clearBusinessHours: (teamId) =>
      client.request<void>(teamPath(teamId, 'business-hours'), { method: 'DELETE' }),
    policies: (teamId, signal) =>
      client.get<TeamSlaPoliciesDto>(teamPath(teamId, 'sla-policies'), { signal }),
    replacePolicies: (teamId, body) =>
      client.request<TeamSlaPoliciesDto>(teamPath(teamId, 'sla-policies'), {
        method: 'PUT',
        body,
      }),
  };
}

export const slaApi: SlaApi = createSlaApi(http);
