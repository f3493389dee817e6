import type {
  AuthTokensDto,
  ChangePasswordRequest,
  LoginRequest,
  UserDto,
} from '@touchpoint/shared';
import { http, type HttpClient } from './http';

export interface AuthApi {
  login(body: LoginRequest): Promise<AuthTokensDto>;
  logout(refreshToken: string): Promise<void>;
  me(signal?: AbortSignal): Promise<UserDto>;
  /** Every other session ends; this one goes on with the tokens answered (stored already). */
  changePassword(body: ChangePasswordRequest): Promise<AuthTokensDto>;
  /** Every session of the user ends, this one included. */
  logoutAll(): Promise<void>;
  /** The user's own weekly summary email on or off (supervisors, managers, admins); answers the user. */
  setWeeklySummary(enabled: boolean): Promise<UserDto>;
}

export function createAuthApi(client: HttpClient): AuthApi {
  return {
    // Login and logout carry no access token: a 401 here means wrong credentials, not an expired session.
    login: (body) => client.post<AuthTokensDto>('/api/auth/login', body, { auth: false }),
    logout: (refreshToken) =>
      client.post<void>('/api/auth/logout', { refreshToken }, { auth: false }),
    me: (signal) => client.get<UserDto>('/api/me', { signal }),
    changePassword: (body) => client.renewSession('/api/auth/password', body),
    logoutAll: () => client.post<void>('/api/auth/logout-all'),
    setWeeklySummary: (enabled) =>
      client.request<UserDto>('/api/me/weekly-summary', { method: 'PUT', body: { enabled } }),
  };
}

export const authApi: AuthApi = createAuthApi(http);
