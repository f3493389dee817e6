import { conversationInList, listFactsOfSummary } from './conversation-lists';

describe('the label filter of a list', () => {
  const viewer = { id: 'u1', role: 'supervisor' as const, teamIds: [] };
  const summary = (labelIds?: string[]) => ({
    status: 'open' as const,
    owner: null,
    team: null,
    channelKinds: ['email' as const],
    labelIds,
  });

  it('keeps the conversations carrying the label, and cannot tell without their labels', () => {
    const filters = { view: 'all' as const, labelId: 'vip' };
    expect(conversationInList(filters, viewer, listFactsOfSummary(summary(['x', 'vip'])))).toBe(
      'yes',
    );
    expect(conversationInList(filters, viewer, listFactsOfSummary(summary(['x'])))).toBe('no');
    expect(conversationInList(filters, viewer, listFactsOfSummary(summary()))).toBe('unknown');
    expect(conversationInList({ view: 'all' }, viewer, listFactsOfSummary(summary([])))).toBe(
      'yes',
    );
  });
});
