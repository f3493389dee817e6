import { OVERSEEING_ROLES, type CannedResponseDto } from '@touchpoint/shared';
import type { AuthUser } from '../../core/auth/auth-user';
import type { CannedResponse } from './canned-response.entity';

/** Whether `user` may change or delete `c`: a team's is the overseers', a personal one its owner's. */
export function mayEdit(user: AuthUser, c: Pick<CannedResponse, 'teamId' | 'ownerId'>): boolean {
  return c.teamId ? OVERSEEING_ROLES.includes(user.role) : c.ownerId === user.id;
}

/** Needs `team` loaded for team canned responses. */
export function toCannedResponseDto(c: CannedResponse, user: AuthUser): CannedResponseDto {
  return {
    id: c.id,
    scope: c.teamId ? 'team' : 'personal',
    team: c.teamId ? { id: c.teamId, name: c.team?.name ?? '' } : null,
    ownerId: c.ownerId,
    shortcut: c.shortcut,
    title: c.title,
    body: c.body,
    language: c.language,
    editable: mayEdit(user, c),
    updatedAt: c.updatedAt.toISOString(),
  };
}
