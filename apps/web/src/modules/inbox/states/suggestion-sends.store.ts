import { createStore } from '../../../lib/store';
import { newClientMessageId } from './drafts.store';

/**
 * The clientMessageId of each suggested reply's sending, by suggestion id: made at the first
 * attempt and reused by every later one (a double click, a retry, the edited version), so the
 * customer gets the reply once however often it is sent.
 */
export const suggestionSendsStore = createStore<Readonly<Record<string, string>>>({});

export function suggestionClientMessageId(suggestionId: string): string {
  const known = suggestionSendsStore.get()[suggestionId];
  if (known) return known;
  const created = newClientMessageId();
  suggestionSendsStore.set((ids) => ({ ...ids, [suggestionId]: created }));
  return created;
}
