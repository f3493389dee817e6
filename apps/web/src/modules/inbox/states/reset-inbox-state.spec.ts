import { messageSearchStore, openMessageSearch } from '../../search/states/search.store';
import { resetInboxState } from './reset-inbox-state';

describe('signing out forgets the inbox state', () => {
  it('closes an open search, so the next user does not see what was looked for', () => {
    openMessageSearch('Rechnung');
    expect(messageSearchStore.get()).toMatchObject({ q: 'Rechnung' });
    resetInboxState();
    expect(messageSearchStore.get()).toBeNull();
  });
});
