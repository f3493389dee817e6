import type { ConversationFilters } from '../../../api/conversations.api';
import { createStore } from '../../../lib/store';

/** What a fresh inbox shows: the open conversations the user owns. */
export const DEFAULT_INBOX_FILTERS: ConversationFilters = { view: 'mine', status: 'open' };

/** The inbox's view and filters (left pane), kept while the user moves around the app. */
export const inboxFiltersStore = createStore<ConversationFilters>(DEFAULT_INBOX_FILTERS);

/** Drops empty values, so equal filters make equal query keys. */
export function normalizeFilters(filters: ConversationFilters): ConversationFilters {
  const q = filters.q?.trim();
  return {
    view: filters.view,
    ...(filters.view === 'team' && filters.teamId ? { teamId: filters.teamId } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.channel ? { channel: filters.channel } : {}),
    ...(filters.labelId ? { labelId: filters.labelId } : {}),
    ...(q ? { q } : {}),
  };
}
