import type { CreateTeamRequest, TeamDto, UpdateTeamRequest } from '@touchpoint/shared';
import { http, type HttpClient } from './http';

/** `/api/teams`: supervisors and admins read the teams with their members; admins change them. */
export interface TeamsApi {
  /** Every team with its members and policy, by name. */
  list(signal?: AbortSignal): Promise<TeamDto[]>;
  /** Changes name, description or policy; only the fields in `body` change. */
  update(id: string, body: UpdateTeamRequest): Promise<TeamDto>;
  /** A new team with the default policy (409 `teams.name_taken`). */
  create(body: CreateTeamRequest): Promise<TeamDto>;
  /** The team's members become exactly these users. */
  setMembers(id: string, userIds: string[]): Promise<TeamDto>;
  /** Deletes the team (409 while channels deliver to it). */
  remove(id: string): Promise<void>;
}

const teamPath = (id: string) => `/api/teams/${encodeURIComponent(id)}`;

export function createTeamsApi(client: HttpClient): TeamsApi {
  return {
    list: (signal) => client.get<TeamDto[]>('/api/teams', { signal }),
    update: (id, body) => client.request<TeamDto>(teamPath(id), { method: 'PATCH', body }),
    create: (body) => client.post<TeamDto>('/api/teams', body),
    setMembers: (id, userIds) =>
      client.request<TeamDto>(`${teamPath(id)}/members`, { method: 'PUT', body: { userIds } }),
    remove: (id) => client.request<void>(teamPath(id), { method: 'DELETE' }),
  };
}

export const teamsApi: TeamsApi = createTeamsApi(http);
