import { pullInDialogStore } from '../../handoffs/states/pull-in-dialog.store';
import { bulkSelectionStore } from '../../labels/states/bulk-selection.store';
import { shortcutOverlayStore } from '../../shortcuts/states/shortcut-overlay.store';
import { messageJumpStore } from '../../search/states/message-jump.store';
import { messageSearchStore } from '../../search/states/search.store';
import { composerUploadsStore } from './composer-uploads.store';
import { draftsStore } from './drafts.store';
import { inboxFiltersStore } from './inbox-filters.store';
import { contactPanelStore } from './inbox-layout.store';
import { suggestionSendsStore } from './suggestion-sends.store';

/**
 * Forgets every draft, filter, layout choice, open search, open dialog and pending suggestion
 * send (sign-out: nothing passes to the next user).
 */
export function resetInboxState(): void {
  draftsStore.reset();
  composerUploadsStore.reset();
  inboxFiltersStore.reset();
  contactPanelStore.reset();
  suggestionSendsStore.reset();
  messageSearchStore.reset();
  messageJumpStore.reset();
  pullInDialogStore.reset();
  shortcutOverlayStore.reset();
  bulkSelectionStore.reset();
}
