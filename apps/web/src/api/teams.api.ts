import type { TeamDto, UpdateTeamRequest } from '@touchpoint/shared';
import { http, type HttpClient } from './http';

/** `/api/teams`: supervisors and admins read the teams with their members; admins change them. */
export interface TeamsApi {
  /** Every team with its members and policy, by name. */
  list(signal?: AbortSignal): Promise<TeamDto[]>;
  /** Changes name, description or policy; only the fields in `body` change. */
  update(id: string, body: UpdateTeamRequest): Promise<TeamDto>;
}

const teamPath = (id: string) => `/api/teams/${encodeURIComponent(id)}`;

export function createTeamsApi(client: HttpClient): TeamsApi {
  return {
    list: (signal) => client.get<TeamDto[]>('/api/teams', { signal }),
    update: (id, body) => client.request<TeamDto>(teamPath(id), { method: 'PATCH', body }),
  };
}

export const teamsApi: TeamsApi = createTeamsApi(http);
