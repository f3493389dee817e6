import type { ApiTokenDto, ApiTokenWithSecretDto, CreateApiTokenRequest } from '@touchpoint/shared';
import { http, type HttpClient } from './http';

/** `/api/api-tokens` (admins only): tokens other systems call the API with. */
export interface ApiTokensApi {
  list(signal?: AbortSignal): Promise<ApiTokenDto[]>;
  /** The answer carries the token itself, which is never shown again. */
  create(body: CreateApiTokenRequest): Promise<ApiTokenWithSecretDto>;
  revoke(id: string): Promise<ApiTokenDto>;
}

export function createApiTokensApi(client: HttpClient): ApiTokensApi {
  return {
    list: (signal) => client.get<ApiTokenDto[]>('/api/api-tokens', { signal }),
    create: (body) => client.post<ApiTokenWithSecretDto>('/api/api-tokens', body),
    revoke: (id) => client.post<ApiTokenDto>(`/api/api-tokens/${encodeURIComponent(id)}/revoke`),
  };
}

export const apiTokensApi: ApiTokensApi = createApiTokensApi(http);
