import type { AuthTokensDto, Role, UserDto } from '@touchpoint/shared';
import { sessionStore, type Session } from '../src/modules/auth/states/session.store';

export function userDto(overrides: Partial<UserDto> = {}): UserDto {
  return {
    id: '7f0b1d9a-2c3e-4f5a-8b6c-1d2e3f4a5b6c',
    email: 'anna@example.com',
    name: 'Anna Agent',
    role: 'agent',
    locale: 'de',
    active: true,
    teams: [{ id: '0c7e5f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6', name: 'Service' }],
    createdAt: '2025-01-01T00:00:00.000Z',
    status: 'active',
    lastLoginAt: '2025-01-02T08:00:00.000Z',
    capacity: null,
    weeklySummary: false,
    ...overrides,
  };
}

export function userWithRole(role: Role): UserDto {
  const names: Record<Role, string> = {
    agent: 'Anna Agent',
    supervisor: 'Sam Supervisor',
    manager: 'Mia Manager',
    admin: 'Ada Admin',
  };
  return userDto({ role, name: names[role], email: `${role}@example.com` });
}

export function tokensDto(overrides: Partial<AuthTokensDto> = {}): AuthTokensDto {
  return {
    accessToken: 'access-token-1',
    refreshToken: 'refresh-token-1-0123456789',
    expiresIn: 900,
    user: userDto(),
    ...overrides,
  };
}

/** Starts the test signed in, as if a previous visit had stored the session. */
export function signIn(session: Partial<Session> = {}): Session {
  const value: Session = {
    accessToken: 'access-token-1',
    refreshToken: 'refresh-token-1-0123456789',
    expiresAt: Date.now() + 900_000,
    ...session,
  };
  sessionStore.set(value);
  return value;
}
