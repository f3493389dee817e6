import { createStore } from '../../../lib/store';

/** A reply to the customer, an internal note, or a reply suggested to the owner (internal too). */
export type ComposerMode = 'reply' | 'note' | 'suggestion';

/** A colleague's suggested reply the owner is editing before sending it. */
export interface EditedSuggestion {
  /** The id of the suggestion (a note with `suggestion`). */
  id: string;
  authorName: string;
}

/** An approved template being filled in (WhatsApp): sent instead of the text. */
export interface DraftTemplate {
  name: string;
  language: string;
  /** The values of `{{1}}`, `{{2}}`..., as typed. */
  variables: string[];
}

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
  /** Set while the draft is a suggested reply being edited: sending it sends the suggestion. */
  suggestion: EditedSuggestion | null;
  /**
   * The agent chose to send a template although free text is possible. (Outside WhatsApp's 24-hour
   * window a template is the only choice, whatever this says.)
   */
  useTemplate: boolean;
  /** The template picked and its values so far. */
  template: DraftTemplate | null;
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
  return {
    body: '',
    mode: 'reply',
    channelId: null,
    clientMessageId: newClientMessageId(),
    suggestion: null,
    useTemplate: false,
    template: null,
  };
}

/**
 * Changes a draft (creating it on the first keystroke). Emptying the text discards the draft's id,
 * except while editing a suggestion (rewriting it from scratch is still sending it); leaving reply
 * mode ends editing a suggestion.
 */
export function updateDraft(
  conversationId: string,
  patch: Partial<Omit<Draft, 'clientMessageId' | 'suggestion'>>,
) {
  draftsStore.set((drafts) => {
    const current = drafts[conversationId] ?? emptyDraft();
    const endsSuggestion =
      current.suggestion !== null && patch.mode !== undefined && patch.mode !== 'reply';
    const suggestion = endsSuggestion ? null : current.suggestion;
    const discarded = patch.body !== undefined && patch.body.trim() === '' && !suggestion;
    const next: Draft = {
      ...current,
      ...patch,
      clientMessageId: discarded || endsSuggestion ? newClientMessageId() : current.clientMessageId,
      suggestion,
    };
    return { ...drafts, [conversationId]: next };
  });
}

/**
 * Puts a suggested reply into the composer to edit it, in reply mode. The draft takes the
 * suggestion's own clientMessageId, so it can never reach the customer twice, whether sent from
 * the card or from here.
 */
export function editSuggestion(
  conversationId: string,
  suggestion: EditedSuggestion & { text: string },
  clientMessageId: string,
) {
  draftsStore.set((drafts) => {
    const current = drafts[conversationId] ?? emptyDraft();
    const next: Draft = {
      ...current,
      body: suggestion.text,
      mode: 'reply',
      clientMessageId,
      suggestion: { id: suggestion.id, authorName: suggestion.authorName },
    };
    return { ...drafts, [conversationId]: next };
  });
}

/** Stops editing a suggestion: the text goes, the composer is a plain reply again. */
export function discardSuggestionEdit(conversationId: string) {
  draftsStore.set((drafts) => {
    const current = drafts[conversationId];
    if (!current?.suggestion) return drafts;
    return {
      ...drafts,
      [conversationId]: {
        ...current,
        body: '',
        clientMessageId: newClientMessageId(),
        suggestion: null,
      },
    };
  });
}

/**
 * Ends a draft after it was sent: the text and the template go, the mode and channel stay for the
 * next message, and the next message gets a new clientMessageId. Only if the draft is still the
 * one sent.
 */
export function finishDraft(conversationId: string, sentClientMessageId: string) {
  draftsStore.set((drafts) => {
    const current = drafts[conversationId];
    if (!current || current.clientMessageId !== sentClientMessageId) return drafts;
    return {
      ...drafts,
      [conversationId]: {
        ...current,
        body: '',
        clientMessageId: newClientMessageId(),
        suggestion: null,
        useTemplate: false,
        template: null,
      },
    };
  });
}
