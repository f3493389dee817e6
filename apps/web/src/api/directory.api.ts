import type { DirectoryDto } from '@touchpoint/shared';
import { http, type HttpClient } from './http';

/**
 * `GET /api/directory`: every team and active colleague (names only), readable by every
 * signed-in user, unlike the admin lists `/api/teams` and `/api/users`: for the pull-in picker.
 */
export interface DirectoryApi {
  get(signal?: AbortSignal): Promise<DirectoryDto>;
}

export function createDirectoryApi(client: HttpClient): DirectoryApi {
  return {
    get: (signal) => client.get<DirectoryDto>('/api/directory', { signal }),
  };
}

export const directoryApi: DirectoryApi = createDirectoryApi(http);
