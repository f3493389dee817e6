import type { SupervisorBoardDto } from '@touchpoint/shared';
import { http, type HttpClient } from './http';

/** `/api/supervisor`: what supervisors and admins watch. */
export interface SupervisorApi {
  /** Queues per team, open consults and transfers, the flow between teams, agents' presence and load. */
  board(signal?: AbortSignal): Promise<SupervisorBoardDto>;
}

export function createSupervisorApi(client: HttpClient): SupervisorApi {
  return {
    board: (signal) => client.get<SupervisorBoardDto>('/api/supervisor/queues', { signal }),
  };
}

export const supervisorApi: SupervisorApi = createSupervisorApi(http);
