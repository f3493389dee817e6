import {
  SEES_ALL_ROLES,
  type ConversationCountsDto,
  type ConversationView,
  type UserDto,
} from '@touchpoint/shared';
import type { ConversationFilters } from '../../../api/conversations.api';

/** One entry of the inbox navigation. */
export interface InboxViewOption {
  key: string;
  view: ConversationView;
  teamId?: string;
  teamName?: string;
  count: number | undefined;
}

/**
 * The views a user may open, in navigation order: Mine, Unassigned, one per team,
 * Participating, and All for supervisors and admins.
 */
export function inboxViewsFor(me: UserDto, counts: ConversationCountsDto | undefined) {
  const views: InboxViewOption[] = [
    { key: 'mine', view: 'mine', count: counts?.mine },
    { key: 'unassigned', view: 'unassigned', count: counts?.unassigned },
    ...me.teams.map((team) => ({
      key: `team:${team.id}`,
      view: 'team' as const,
      teamId: team.id,
      teamName: team.name,
      count: counts?.teams?.[team.id],
    })),
    { key: 'participating', view: 'participating', count: counts?.participating },
  ];
  if (SEES_ALL_ROLES.includes(me.role)) {
    views.push({ key: 'all', view: 'all', count: counts?.all });
  }
  return views;
}

export function isActiveView(option: InboxViewOption, filters: ConversationFilters): boolean {
  return (
    option.view === filters.view && (option.view !== 'team' || option.teamId === filters.teamId)
  );
}

/** The filters, or Mine when they name a view this user may not open (another user's team). */
export function allowedFilters(filters: ConversationFilters, me: UserDto): ConversationFilters {
  const allowed = inboxViewsFor(me, undefined).some((option) => isActiveView(option, filters));
  return allowed ? filters : { ...filters, view: 'mine', teamId: undefined };
}
