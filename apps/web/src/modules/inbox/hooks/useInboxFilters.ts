import type { ConversationFilters } from '../../../api/conversations.api';
import { useStore } from '../../../lib/store';
import { inboxFiltersStore, normalizeFilters } from '../states/inbox-filters.store';

const identity = (filters: ConversationFilters) => filters;

/** The inbox's current view and filters, and a way to change them. */
export function useInboxFilters() {
  const filters = useStore(inboxFiltersStore, identity);
  const change = (patch: Partial<ConversationFilters>) =>
    inboxFiltersStore.set((current) => normalizeFilters({ ...current, ...patch }));
  return { filters, change };
}
