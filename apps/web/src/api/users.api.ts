import type {
  AuthTokensDto,
  InviteUserRequest,
  RedeemLinkRequest,
  UpdateUserRequest,
  UserDto,
  UserLinkDto,
  UserLinkInfoDto,
} from '@touchpoint/shared';
import { http, type HttpClient } from './http';

/**
 * `/api/users` (supervisors read, admins change) and the one-time links admins hand out:
 * invitations and password resets, opened without a session at `/api/invitations/:token`.
 */
export interface UsersApi {
  /** Every user with teams and status, by name. */
  list(signal?: AbortSignal): Promise<UserDto[]>;
  /** Creates the user without a password (or a fresh link for a pending invitee). */
  invite(body: InviteUserRequest): Promise<UserLinkDto>;
  /** Changes role, teams or the active flag; only the fields in `body` change. */
  update(id: string, body: UpdateUserRequest): Promise<UserDto>;
  /** A fresh invitation link for a pending invitee; older links stop working. */
  resendInvitation(id: string): Promise<UserLinkDto>;
  /** The old password stops working, sessions end, and a link lets the user choose a new one. */
  resetPassword(id: string): Promise<UserLinkDto>;
  /** Whose link it is and what for (404/410 when it does not work). */
  link(token: string, signal?: AbortSignal): Promise<UserLinkInfoDto>;
  /** Chooses the password and signs in, as a sign-in does. */
  redeemLink(token: string, body: RedeemLinkRequest): Promise<AuthTokensDto>;
}

const userPath = (id: string) => `/api/users/${encodeURIComponent(id)}`;
const linkPath = (token: string) => `/api/invitations/${encodeURIComponent(token)}`;

export function createUsersApi(client: HttpClient): UsersApi {
  return {
    list: (signal) => client.get<UserDto[]>('/api/users', { signal }),
    invite: (body) => client.post<UserLinkDto>('/api/users/invitations', body),
    update: (id, body) => client.request<UserDto>(userPath(id), { method: 'PATCH', body }),
    resendInvitation: (id) => client.post<UserLinkDto>(`${userPath(id)}/invitation`),
    resetPassword: (id) => client.post<UserLinkDto>(`${userPath(id)}/password-reset`),
    // The person opening a link is not signed in (or is someone else): no session is sent.
    link: (token, signal) => client.get<UserLinkInfoDto>(linkPath(token), { signal, auth: false }),
    redeemLink: (token, body) => client.post<AuthTokensDto>(linkPath(token), body, { auth: false }),
  };
}

export const usersApi: UsersApi = createUsersApi(http);
