import {
  compareListOrder,
  conversationInList,
  evaluateListCondition,
  listCondition,
  type ListFacts,
  type ListViewer,
} from './conversation-lists';

const TEAM = 'team-sales';
const OTHER_TEAM = 'team-billing';
const agent: ListViewer = { id: 'anna', role: 'agent', teamIds: [TEAM] };
const supervisor: ListViewer = { id: 'sven', role: 'supervisor', teamIds: [] };

function facts(overrides: Partial<ListFacts> = {}): ListFacts {
  return {
    status: 'open',
    ownerId: null,
    teamId: TEAM,
    channelKinds: ['email'],
    participantIds: [],
    ...overrides,
  };
}

describe('conversationInList', () => {
  it('shows an open conversation I own in mine, and not once it is resolved', () => {
    expect(conversationInList({ view: 'mine' }, agent, facts({ ownerId: 'anna' }))).toBe('yes');
    const resolved = facts({ ownerId: 'anna', status: 'resolved' });
    expect(conversationInList({ view: 'mine' }, agent, resolved)).toBe('no');
    expect(conversationInList({ view: 'mine', status: 'resolved' }, agent, resolved)).toBe('yes');
  });

  it('keeps snoozed and pending conversations in the lists without a status filter', () => {
    for (const status of ['pending', 'snoozed'] as const) {
      expect(conversationInList({ view: 'mine' }, agent, facts({ ownerId: 'anna', status }))).toBe(
        'yes',
      );
    }
    const snoozed = facts({ ownerId: 'anna', status: 'snoozed' });
    expect(conversationInList({ view: 'mine', status: 'open' }, agent, snoozed)).toBe('no');
  });

  it("lists unowned conversations of an agent's teams as unassigned, all of them for a supervisor", () => {
    const mineTeam = facts();
    const otherTeam = facts({ teamId: OTHER_TEAM });
    expect(conversationInList({ view: 'unassigned' }, agent, mineTeam)).toBe('yes');
    expect(conversationInList({ view: 'unassigned' }, agent, otherTeam)).toBe('no');
    expect(conversationInList({ view: 'unassigned' }, supervisor, otherTeam)).toBe('yes');
    expect(conversationInList({ view: 'unassigned' }, supervisor, facts({ teamId: null }))).toBe(
      'yes',
    );
    const resolved = facts({ status: 'resolved' });
    expect(conversationInList({ view: 'unassigned' }, agent, resolved)).toBe('no');
  });

  it("hides a colleague's conversation in the team view unless I take part", () => {
    const colleagues = facts({ ownerId: 'ben' });
    const filters = { view: 'team' as const, teamId: TEAM };
    expect(conversationInList(filters, agent, colleagues)).toBe('no');
    expect(conversationInList(filters, agent, { ...colleagues, participantIds: ['anna'] })).toBe(
      'yes',
    );
    expect(conversationInList(filters, supervisor, colleagues)).toBe('yes');
  });

  it('cannot tell participation or a search from a summary', () => {
    const summary = facts({ ownerId: 'ben', participantIds: undefined });
    expect(conversationInList({ view: 'participating' }, agent, summary)).toBe('unknown');
    expect(conversationInList({ view: 'team', teamId: TEAM }, agent, summary)).toBe('unknown');
    // Owning it rules participating out whatever the participants.
    const owned = facts({ ownerId: 'anna', participantIds: undefined });
    expect(conversationInList({ view: 'participating' }, agent, owned)).toBe('no');
    expect(conversationInList({ view: 'mine', q: 'invoice' }, agent, owned)).toBe('unknown');
    expect(
      conversationInList({ view: 'mine', q: 'invoice', channel: 'whatsapp' }, agent, owned),
    ).toBe('no');
  });

  it('narrows by channel', () => {
    const owned = facts({ ownerId: 'anna', channelKinds: ['email', 'webchat'] });
    expect(conversationInList({ view: 'mine', channel: 'webchat' }, agent, owned)).toBe('yes');
    expect(conversationInList({ view: 'mine', channel: 'whatsapp' }, agent, owned)).toBe('no');
  });

  it('refuses views the viewer may not open', () => {
    expect(listCondition({ view: 'all' }, agent)).toEqual({ refused: expect.any(String) });
    expect(listCondition({ view: 'team' }, supervisor)).toEqual({ refused: expect.any(String) });
    expect(listCondition({ view: 'team', teamId: OTHER_TEAM }, agent)).toEqual({
      refused: expect.any(String),
    });
    expect(conversationInList({ view: 'all' }, agent, facts())).toBe('no');
    expect(conversationInList({ view: 'all' }, supervisor, facts())).toBe('yes');
  });
});

describe('evaluateListCondition', () => {
  it('answers unknown only where the facts leave it open', () => {
    const unknown = { kind: 'takesPart', user: 'anna' } as const;
    const f = facts({ participantIds: undefined });
    expect(evaluateListCondition({ kind: 'any', of: [unknown, { kind: 'always' }] }, f)).toBe(
      'yes',
    );
    expect(evaluateListCondition({ kind: 'all', of: [unknown, { kind: 'never' }] }, f)).toBe('no');
    expect(evaluateListCondition({ kind: 'all', of: [unknown, { kind: 'always' }] }, f)).toBe(
      'unknown',
    );
    expect(evaluateListCondition({ kind: 'any', of: [] }, f)).toBe('no');
    expect(evaluateListCondition({ kind: 'all', of: [] }, f)).toBe('yes');
  });
});

describe('compareListOrder', () => {
  it('puts newer activity first and the higher id first among equal times', () => {
    const older = { lastActivityAt: '2026-01-01T10:00:00.000Z', id: 'b' };
    const newer = { lastActivityAt: '2026-01-01T10:00:00.001Z', id: 'a' };
    const tie = { lastActivityAt: '2026-01-01T10:00:00.001Z', id: 'c' };
    expect([older, newer, tie].sort(compareListOrder)).toEqual([tie, newer, older]);
    expect(compareListOrder(tie, tie)).toBe(0);
  });
});
