import { resetInboxState } from '../../inbox/states/reset-inbox-state';
import { bulkSelectionStore, toggleBulkSelection } from './bulk-selection.store';

describe('the bulk selection', () => {
  it('ticks each conversation once, unticks it, and is forgotten on sign-out', () => {
    toggleBulkSelection('a', true);
    toggleBulkSelection('b', true);
    toggleBulkSelection('a', true);
    expect(bulkSelectionStore.get()).toEqual(['a', 'b']);
    toggleBulkSelection('a', false);
    expect(bulkSelectionStore.get()).toEqual(['b']);
    resetInboxState();
    expect(bulkSelectionStore.get()).toEqual([]);
  });
});
