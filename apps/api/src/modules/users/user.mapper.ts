import type { UserDto } from '@touchpoint/shared';
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
  };
}
