import type { UserDto } from '@touchpoint/shared';
import type { User } from './user.entity';

export function toUserDto(user: User): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    locale: user.locale,
    active: user.active,
    teams: (user.memberships ?? [])
      .filter((m) => m.team)
      .map((m) => ({ id: m.teamId, name: m.team?.name ?? '' }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    createdAt: user.createdAt.toISOString(),
  };
}
