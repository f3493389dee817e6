import type { CreateGoalRequest, GoalDto, UpdateGoalRequest } from '@touchpoint/shared';
import { http, type HttpClient } from './http';

/** `/api/goals`: everyone reads the goals teams share; supervisors, managers and admins change them. */
export interface GoalsApi {
  /** Every goal with its value over 30 days, its 8-week trend and who holds it back. */
  list(signal?: AbortSignal): Promise<GoalDto[]>;
  create(body: CreateGoalRequest): Promise<GoalDto>;
  /** Name, target or parameters (given whole); the kind stays. */
  update(id: string, body: UpdateGoalRequest): Promise<GoalDto>;
  remove(id: string): Promise<void>;
}

const goalPath = (id: string) => `/api/goals/${encodeURIComponent(id)}`;

export function createGoalsApi(client: HttpClient): GoalsApi {
  return {
    list: (signal) => client.get<GoalDto[]>('/api/goals', { signal }),
    create: (body) => client.post<GoalDto>('/api/goals', body),
    update: (id, body) => client.request<GoalDto>(goalPath(id), { method: 'PATCH', body }),
    remove: (id) => client.request<void>(goalPath(id), { method: 'DELETE' }),
  };
}

export const goalsApi: GoalsApi = createGoalsApi(http);
