import type { UserDto, UserStatus } from '@touchpoint/shared';

/** The list with `user` in its place (replaced, or added), by name as the server sorts it. */
export function withUser(users: readonly UserDto[] | undefined, user: UserDto): UserDto[] {
  const others = (users ?? []).filter((current) => current.id !== user.id);
  return [...others, user].sort((a, b) => a.name.localeCompare(b.name));
}

/** Where the account stands. */
export function statusOf(user: UserDto): UserStatus {
  return user.status;
}
