import {
  ACTIVE_CONVERSATION_STATUSES,
  type ChannelKind,
  type ConversationStatus,
  type ConversationView,
} from './constants/channels';
import { SEES_ALL_ROLES, type Role } from './constants/roles';

/*
 * Which conversations a list shows, as data. The server translates a list's condition to SQL; the
 * web evaluates the same condition on a changed conversation to move it in or out of loaded lists.
 * Without a status filter a list shows the work still to do: a resolved conversation leaves every
 * view and is found with `status=resolved`, as the counts have always said.
 */

/** Who looks at a list. */
export interface ListViewer {
  id: string;
  role: Role;
  teamIds: readonly string[];
}

/** What a list is asked for: a view, narrowed by team, status, channel and search. */
export interface ListFilters {
  view: ConversationView;
  teamId?: string;
  status?: ConversationStatus;
  channel?: ChannelKind;
  /** Only conversations carrying this label. */
  labelId?: string;
  q?: string;
}

/** What a list's condition looks at. `participantIds` unknown (undefined) on the web's summaries. */
export interface ListFacts {
  status: ConversationStatus;
  ownerId: string | null;
  teamId: string | null;
  channelKinds: readonly ChannelKind[];
  /** Users taking part right now (accepted consult, mention, kept in, grace not over). */
  participantIds?: readonly string[];
  /** Its labels; undefined: not known. */
  labelIds?: readonly string[];
}

/** A condition on one conversation. Facts of the viewer (role, teams) are already resolved in it. */
export type ListCondition =
  | { kind: 'always' }
  | { kind: 'never' }
  | { kind: 'all'; of: ListCondition[] }
  | { kind: 'any'; of: ListCondition[] }
  | { kind: 'ownedBy'; user: string }
  | { kind: 'notOwnedBy'; user: string }
  | { kind: 'unowned' }
  | { kind: 'inTeams'; teams: readonly string[] }
  | { kind: 'takesPart'; user: string }
  | { kind: 'statusIn'; statuses: readonly ConversationStatus[] }
  | { kind: 'hasChannel'; channel: ChannelKind }
  | { kind: 'hasLabel'; label: string }
  /** Contact name, email or phone, subject or preview contain `text` (only the server can tell). */
  | { kind: 'matches'; text: string };

/** A list the viewer may not ask for, and why. */
export interface ListRefusal {
  refused: string;
}

const always: ListCondition = { kind: 'always' };
const inTeams = (teams: readonly string[]): ListCondition => ({ kind: 'inTeams', teams });

/**
 * Who may see a conversation at all: supervisors, touchpoint managers and admins every one; agents those they own,
 * those waiting unowned in their teams' queues, and those they take part in.
 */
function visibility(viewer: ListViewer): ListCondition {
  if (SEES_ALL_ROLES.includes(viewer.role)) return always;
  return {
    kind: 'any',
    of: [
      { kind: 'ownedBy', user: viewer.id },
      { kind: 'all', of: [{ kind: 'unowned' }, inTeams(viewer.teamIds)] },
      { kind: 'takesPart', user: viewer.id },
    ],
  };
}

/** What the view itself picks; a view picks, visibility limits. */
function viewPick(filters: ListFilters, viewer: ListViewer): ListCondition | ListRefusal {
  const overseer = SEES_ALL_ROLES.includes(viewer.role);
  switch (filters.view) {
    case 'mine':
      return { kind: 'ownedBy', user: viewer.id };
    case 'unassigned': {
      const teams = filters.teamId
        ? inTeams([filters.teamId])
        : overseer
          ? always
          : inTeams(viewer.teamIds);
      return { kind: 'all', of: [{ kind: 'unowned' }, teams] };
    }
    case 'team':
      if (!filters.teamId) return { refused: 'view=team needs a teamId' };
      if (!overseer && !viewer.teamIds.includes(filters.teamId))
        return { refused: 'You are not a member of this team' };
      return inTeams([filters.teamId]);
    case 'participating':
      return {
        kind: 'all',
        of: [
          { kind: 'notOwnedBy', user: viewer.id },
          { kind: 'takesPart', user: viewer.id },
        ],
      };
    case 'all':
      if (!overseer)
        return { refused: 'view=all is for supervisors, touchpoint managers and admins' };
      return filters.teamId ? inTeams([filters.teamId]) : always;
  }
}

/** The whole condition of a list for `viewer`, or why the viewer may not ask for it. */
export function listCondition(
  filters: ListFilters,
  viewer: ListViewer,
): ListCondition | ListRefusal {
  const pick = viewPick(filters, viewer);
  if ('refused' in pick) return pick;
  const of: ListCondition[] = [
    pick,
    visibility(viewer),
    {
      kind: 'statusIn',
      statuses: filters.status ? [filters.status] : ACTIVE_CONVERSATION_STATUSES,
    },
  ];
  if (filters.channel) of.push({ kind: 'hasChannel', channel: filters.channel });
  if (filters.labelId) of.push({ kind: 'hasLabel', label: filters.labelId });
  const q = filters.q?.trim();
  if (q) of.push({ kind: 'matches', text: q });
  return { kind: 'all', of };
}

/** Yes, no, or "cannot tell from these facts" (participants unknown, a search). */
export type ListVerdict = 'yes' | 'no' | 'unknown';

/** Evaluates `condition` on `facts`; what the facts cannot tell answers unknown (three-valued logic). */
export function evaluateListCondition(condition: ListCondition, facts: ListFacts): ListVerdict {
  const bool = (value: boolean): ListVerdict => (value ? 'yes' : 'no');
  switch (condition.kind) {
    case 'always':
      return 'yes';
    case 'never':
      return 'no';
    case 'all': {
      const verdicts = condition.of.map((c) => evaluateListCondition(c, facts));
      if (verdicts.includes('no')) return 'no';
      return verdicts.includes('unknown') ? 'unknown' : 'yes';
    }
    case 'any': {
      const verdicts = condition.of.map((c) => evaluateListCondition(c, facts));
      if (verdicts.includes('yes')) return 'yes';
      return verdicts.includes('unknown') ? 'unknown' : 'no';
    }
    case 'ownedBy':
      return bool(facts.ownerId === condition.user);
    case 'notOwnedBy':
      return bool(facts.ownerId !== condition.user);
    case 'unowned':
      return bool(facts.ownerId === null);
    case 'inTeams':
      return bool(facts.teamId !== null && condition.teams.includes(facts.teamId));
    case 'takesPart':
      if (!facts.participantIds) return 'unknown';
      return bool(facts.participantIds.includes(condition.user));
    case 'statusIn':
      return bool(condition.statuses.includes(facts.status));
    case 'hasChannel':
      return bool(facts.channelKinds.includes(condition.channel));
    case 'hasLabel':
      if (!facts.labelIds) return 'unknown';
      return bool(facts.labelIds.includes(condition.label));
    case 'matches':
      return 'unknown';
  }
}

/** Whether a conversation belongs in the list `filters` asks of `viewer`; a refused list holds none. */
export function conversationInList(
  filters: ListFilters,
  viewer: ListViewer,
  facts: ListFacts,
): ListVerdict {
  const condition = listCondition(filters, viewer);
  return 'refused' in condition ? 'no' : evaluateListCondition(condition, facts);
}

/** The facts a conversation summary carries (its participants are not among them). */
export function listFactsOfSummary(summary: {
  status: ConversationStatus;
  owner: { id: string } | null;
  team: { id: string } | null;
  channelKinds: readonly ChannelKind[];
  labelIds?: readonly string[];
}): ListFacts {
  return {
    status: summary.status,
    ownerId: summary.owner?.id ?? null,
    teamId: summary.team?.id ?? null,
    channelKinds: summary.channelKinds,
    labelIds: summary.labelIds,
  };
}

/**
 * The order of every list: newest activity first, the higher id first among equal times. The
 * server orders and pages (keyset) by these keys; the web places a changed conversation by them.
 */
export const CONVERSATION_LIST_ORDER = ['lastActivityAt', 'id'] as const;

/** Negative when `a` comes before `b` in a list. Times are ISO strings of the same precision. */
export function compareListOrder(
  a: { lastActivityAt: string; id: string },
  b: { lastActivityAt: string; id: string },
): number {
  for (const key of CONVERSATION_LIST_ORDER) {
    if (a[key] !== b[key]) return a[key] > b[key] ? -1 : 1;
  }
  return 0;
}
