import {
  CONVERSATION_STATUSES,
  conversationInList,
  evaluateListCondition,
  type ChannelKind,
  type ListFacts,
  type ListFilters,
  type ListViewer,
  type SearchParams,
} from '@touchpoint/shared';
import { searchCondition } from './search-condition';

const ME = 'me-id';
const COLLEAGUE = 'colleague-id';
const TEAM = 'team-a';
const OTHER_TEAM = 'team-b';

const agent: ListViewer = { id: ME, role: 'agent', teamIds: [TEAM] };
const supervisor: ListViewer = { id: ME, role: 'supervisor', teamIds: [] };

/** Every kind of conversation: any status, owner, team, channel and participation. */
function everyConversation(): ListFacts[] {
  const all: ListFacts[] = [];
  for (const status of CONVERSATION_STATUSES)
    for (const ownerId of [null, ME, COLLEAGUE])
      for (const teamId of [null, TEAM, OTHER_TEAM])
        for (const channelKinds of [['email'], ['whatsapp']] as ChannelKind[][])
          for (const participantIds of [[], [ME]])
            all.push({ status, ownerId, teamId, channelKinds, participantIds });
  return all;
}

const params = (extra: Partial<SearchParams> = {}): SearchParams => ({
  q: 'invoice',
  limit: 20,
  ...extra,
});
const finds = (p: SearchParams, viewer: ListViewer, facts: ListFacts) =>
  evaluateListCondition(searchCondition(p, viewer), facts) === 'yes';

/** Whether some inbox list the viewer may open shows the conversation, asked with its status. */
function inSomeList(viewer: ListViewer, facts: ListFacts): boolean {
  const views: ListFilters[] = [
    { view: 'mine' },
    { view: 'unassigned' },
    ...viewer.teamIds.map((teamId): ListFilters => ({ view: 'team', teamId })),
    { view: 'participating' },
    { view: 'all' },
  ];
  return views.some(
    (filters) => conversationInList({ ...filters, status: facts.status }, viewer, facts) === 'yes',
  );
}

describe('what search may find', () => {
  it.each([
    ['an agent', agent],
    ['a supervisor', supervisor],
  ])('%s: exactly the conversations of their lists, in every status', (_, viewer) => {
    for (const facts of everyConversation())
      expect({ facts, found: finds(params(), viewer, facts) }).toEqual({
        facts,
        found: inSomeList(viewer, facts),
      });
  });

  it('never a colleague’s conversation the agent does not take part in', () => {
    const colleagues: ListFacts = {
      status: 'open',
      ownerId: COLLEAGUE,
      teamId: TEAM,
      channelKinds: ['email'],
      participantIds: [],
    };
    expect(finds(params(), agent, colleagues)).toBe(false);
    expect(finds(params(), agent, { ...colleagues, participantIds: [ME] })).toBe(true);
    expect(finds(params(), supervisor, colleagues)).toBe(true);
  });

  it('narrows by status, team, channel and owner', () => {
    const facts: ListFacts = {
      status: 'resolved',
      ownerId: COLLEAGUE,
      teamId: OTHER_TEAM,
      channelKinds: ['email'],
      participantIds: [],
    };
    expect(finds(params({ status: 'resolved' }), supervisor, facts)).toBe(true);
    expect(finds(params({ status: 'open' }), supervisor, facts)).toBe(false);
    expect(finds(params({ teamId: OTHER_TEAM }), supervisor, facts)).toBe(true);
    expect(finds(params({ teamId: TEAM }), supervisor, facts)).toBe(false);
    expect(finds(params({ channelKind: 'email' }), supervisor, facts)).toBe(true);
    expect(finds(params({ channelKind: 'whatsapp' }), supervisor, facts)).toBe(false);
    expect(finds(params({ ownerId: COLLEAGUE }), supervisor, facts)).toBe(true);
    expect(finds(params({ ownerId: 'me' }), supervisor, facts)).toBe(false);
    expect(finds(params({ ownerId: 'none' }), supervisor, facts)).toBe(false);
    expect(finds(params({ ownerId: 'none' }), supervisor, { ...facts, ownerId: null })).toBe(true);
    expect(finds(params({ ownerId: 'me' }), supervisor, { ...facts, ownerId: ME })).toBe(true);
  });
});
