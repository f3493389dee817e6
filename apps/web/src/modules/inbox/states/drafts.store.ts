import { createStore } from '../../../lib/store';

export type ComposerMode = 'reply' | 'note';

/** What the agent is writing in one conversation. */
export interface Draft {
  body: string;
  mode: ComposerMode;
  /** The reply channel the agent picked; null = the conversation's default. */
  channelId: string | null;
  /**
   * Made once per draft and sent with every attempt, so a double click or a retry after a lost
   * answer stores one message. A new one only after the draft was sent or discarded.
   */
  clientMessageId: string;
}

/** Drafts by conversation id: switching conversations keeps what was typed. */
export const draftsStore = createStore<Readonly<Record<string, Draft>>>({});

/** A random v4 UUID, also where `crypto.randomUUID` is missing (plain-http origins). */
export function newClientMessageId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function emptyDraft(): Draft {
  return { body: '', mode: 'reply', channelId: null, clientMessageId: newClientMessageId() };
}

/** Changes a draft (creating it on the first keystroke). Emptying the text discards the draft's id. */
export function updateDraft(
  conversationId: string,
  patch: Partial<Omit<Draft, 'clientMessageId'>>,
) {
  draftsStore.set((drafts) => {
    const current = drafts[conversationId] ?? emptyDraft();
    const discarded = patch.body !== undefined && patch.body.trim() === '';
    const next: Draft = {
      ...current,
      ...patch,
      clientMessageId: discarded ? newClientMessageId() : current.clientMessageId,
    };
    return { ...drafts, [conversationId]: next };
  });
}

/**
 * Ends a draft after it was sent: the text goes, the mode and channel stay for the next message,
 * and the next message gets a new clientMessageId. Only if the draft is still the one sent.
 */
export function finishDraft(conversationId: string, sentClientMessageId: string) {
  draftsStore.set((drafts) => {
    const current = drafts[conversationId];
    if (!current || current.clientMessageId !== sentClientMessageId) return drafts;
    return {
      ...drafts,
      [conversationId]: { ...current, body: '', clientMessageId: newClientMessageId() },
    };
  });
}
