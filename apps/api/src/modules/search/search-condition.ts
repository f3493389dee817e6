import {
  listCondition,
  SEES_ALL_ROLES,
  type ConversationView,
  type ListCondition,
  type ListViewer,
  type SearchParams,
} from '@touchpoint/shared';

/**
 * The lists that together show everything a viewer may see: "all" for supervisors and admins; for
 * agents (who have no "all") their own, their teams' unowned and those they take part in.
 */
function viewsOf(viewer: ListViewer): ConversationView[] {
  return SEES_ALL_ROLES.includes(viewer.role) ? ['all'] : ['mine', 'unassigned', 'participating'];
}

/**
 * A list without a status filter shows the work still to do; search looks through every status
 * (an old invoice is usually in a resolved conversation) unless a status is asked for.
 */
function everyStatus(condition: ListCondition): ListCondition {
  if (condition.kind !== 'all') return condition;
  return { kind: 'all', of: condition.of.filter((part) => part.kind !== 'statusIn') };
}

/**
 * Which conversations a search may find for `viewer`: the conversations of the inbox lists the viewer
 * may open (the shared list rule, so search never shows one the lists would not), in any status,
 * narrowed by the search's filters.
 */
export function searchCondition(params: SearchParams, viewer: ListViewer): ListCondition {
  const lists = viewsOf(viewer).map((view) => {
    const condition = listCondition({ view }, viewer);
    // Only views the viewer may open are asked for.
    if ('refused' in condition) throw new Error(`view ${view}: ${condition.refused}`);
    return everyStatus(condition);
  });
  const of: ListCondition[] = [lists.length === 1 ? lists[0] : { kind: 'any', of: lists }];
  if (params.status) of.push({ kind: 'statusIn', statuses: [params.status] });
  if (params.teamId) of.push({ kind: 'inTeams', teams: [params.teamId] });
  if (params.channelKind) of.push({ kind: 'hasChannel', channel: params.channelKind });
  if (params.ownerId === 'none') of.push({ kind: 'unowned' });
  else if (params.ownerId)
    of.push({ kind: 'ownedBy', user: params.ownerId === 'me' ? viewer.id : params.ownerId });
  return { kind: 'all', of };
}
