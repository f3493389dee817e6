import type {
  CannedResponseDto,
  CreateCannedResponseRequest,
  UpdateCannedResponseRequest,
} from '@touchpoint/shared';
import { http, type HttpClient } from './http';

/** Canned responses the user may insert: their own and their teams'. */
export interface CannedResponsesApi {
  list(signal?: AbortSignal): Promise<CannedResponseDto[]>;
  create(body: CreateCannedResponseRequest): Promise<CannedResponseDto>;
  update(id: string, body: UpdateCannedResponseRequest): Promise<CannedResponseDto>;
  remove(id: string): Promise<void>;
}

const path = (id: string) => `/api/canned-responses/${encodeURIComponent(id)}`;

export function createCannedResponsesApi(client: HttpClient): CannedResponsesApi {
  return {
    list: (signal) => client.get<CannedResponseDto[]>('/api/canned-responses', { signal }),
    create: (body) => client.post<CannedResponseDto>('/api/canned-responses', body),
    update: (id, body) => client.request<CannedResponseDto>(path(id), { method: 'PATCH', body }),
    remove: (id) => client.request<void>(path(id), { method: 'DELETE' }),
  };
}

export const cannedResponsesApi: CannedResponsesApi = createCannedResponsesApi(http);
