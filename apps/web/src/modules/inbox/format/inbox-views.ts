import {
  READ_ONLY_ROLES,
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
 * Participating, and All for supervisors and admins. The touchpoint manager, who owns and joins
 * nothing, reads All and Unassigned.
 */
export function inboxViewsFor(me: UserDto, counts: ConversationCountsDto | undefined) {
  if (READ_ONLY_ROLES.includes(me.role))
    return [
      { key: 'all', view: 'all', count: counts?.all },
      { key: 'unassigned', view: 'unassigned', count: counts?.unassigned },
    ] satisfies InboxViewOption[];
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

/** The filters, or the user's first view (Mine; All for the touchpoint manager) when they name a view this user may not open. */
export function allowedFilters(filters: ConversationFilters, me: UserDto): ConversationFilters {
  const views = inboxViewsFor(me, undefined);
  const allowed = views.some((option) => isActiveView(option, filters));
  return allowed ? filters : { ...filters, view: views[0].view, teamId: undefined };
}
