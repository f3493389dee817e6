import type { ChannelKind, ConversationStatus } from '@touchpoint/shared';
import { createStore } from '../../../lib/store';

/** What "search all messages" looks for; dates are local days (`YYYY-MM-DD`) as the user picked them. */
export interface MessageSearch {
  q: string;
  channelKind?: ChannelKind;
  status?: ConversationStatus;
  teamId?: string;
  ownerId?: 'me' | 'none';
  fromDay?: string;
  toDay?: string;
}

/** The search shown in place of the inbox list, or null while the list shows. */
export const messageSearchStore = createStore<MessageSearch | null>(null);

export function openMessageSearch(q: string): void {
  messageSearchStore.set((current) => ({ ...current, q: q.trim() }));
}

export function closeMessageSearch(): void {
  messageSearchStore.set(null);
}

export function changeMessageSearch(patch: Partial<MessageSearch>): void {
  messageSearchStore.set((current) => (current ? { ...current, ...patch } : current));
}
