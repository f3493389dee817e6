import type { AuthTokensDto, LoginRequest, UserDto } from '@touchpoint/shared';
import { http, type HttpClient } from './http';

export interface AuthApi {
  login(body: LoginRequest): Promise<AuthTokensDto>;
  logout(refreshToken: string): Promise<void>;
  me(signal?: AbortSignal): Promise<UserDto>;
}

export function createAuthApi(client: HttpClient): AuthApi {
  return {
    // Login and logout carry no access token: a 401 here means wrong credentials, not an expired session.
    login: (body) => client.post<AuthTokensDto>('/api/auth/login', body, { auth: false }),
    logout: (refreshToken) =>
      client.post<void>('/api/auth/logout', { refreshToken }, { auth: false }),
    me: (signal) => client.get<UserDto>('/api/me', { signal }),
  };
}

export const authApi: AuthApi = createAuthApi(http);
