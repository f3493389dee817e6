import type { UserDto, UserStatus } from '@touchpoint/shared';
import type { User } from './user.entity';

/** `teams`: the user's teams, by name. */
export function toUserDto(user: User, teams: UserDto['teams']): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    locale: user.locale,
    active: user.active,
    teams,
    createdAt: user.createdAt.toISOString(),
    status: userStatus(user),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    capacity: user.maxOpen,
    weeklySummary: user.weeklySummary,
  };
}

/** Deactivation wins: a deactivated invitee cannot accept the invitation either. */
export function userStatus(user: Pick<User, 'active' | 'joinedAt'>): UserStatus {
  if (!user.active) return 'deactivated';
  return user.joinedAt ? 'active' : 'invited';
}
