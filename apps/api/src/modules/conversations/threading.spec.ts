import { decideThread } from './threading';

describe('decideThread', () => {
  it('starts a new conversation for a contact without an active one', () => {
    expect(decideThread({ referenced: null, active: null })).toEqual({ action: 'create' });
  });

  it('joins the active conversation whatever the channel', () => {
    expect(decideThread({ referenced: null, active: { id: 'c1', status: 'open' } })).toEqual({
      action: 'append',
      conversationId: 'c1',
      reopen: false,
    });
  });

  it('wakes a pending or snoozed conversation', () => {
    for (const status of ['pending', 'snoozed'] as const) {
      expect(decideThread({ referenced: null, active: { id: 'c1', status } })).toEqual({
        action: 'append',
        conversationId: 'c1',
        reopen: true,
      });
    }
  });

  it('never appends to a resolved conversation without an explicit reference', () => {
    expect(decideThread({ referenced: null, active: { id: 'c1', status: 'resolved' } })).toEqual({
      action: 'create',
    });
  });

  it('reopens a resolved conversation that the message explicitly answers', () => {
    expect(decideThread({ referenced: { id: 'old', status: 'resolved' }, active: null })).toEqual({
      action: 'append',
      conversationId: 'old',
      reopen: true,
    });
  });

  it('prefers the referenced conversation over another active one', () => {
    expect(
      decideThread({
        referenced: { id: 'old', status: 'resolved' },
        active: { id: 'new', status: 'open' },
      }),
    ).toEqual({
      action: 'append',
      conversationId: 'old',
      reopen: true,
    });
  });
});
