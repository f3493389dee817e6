import { draftsStore } from './drafts.store';
import { inboxFiltersStore } from './inbox-filters.store';
import { contactPanelStore } from './inbox-layout.store';

/** Forgets every draft, filter and layout choice (sign-out: nothing passes to the next user). */
export function resetInboxState(): void {
  draftsStore.reset();
  inboxFiltersStore.reset();
  contactPanelStore.reset();
}
