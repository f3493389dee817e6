import type { TypingKind, TypingSignal } from '../../../api/socket';

/** `typing: true` is repeated at most this often while the user types (receivers' TTL is 6 s). */
export const TYPING_REPEAT_MS = 3000;
/** Without a keystroke for this long, the user counts as no longer typing. */
export const TYPING_IDLE_MS = 4000;

/** What was last announced: typing in a conversation, in a kind of message, since `sentAt`. */
export interface TypingSession {
  conversationId: string;
  kind: TypingKind;
  sentAt: number;
}

export type TypingInput =
  /** A keystroke with text in the composer. */
  | { type: 'input'; conversationId: string; kind: TypingKind; now: number }
  /** Idle, sent, emptied, switched away or closed. */
  | { type: 'stop' };

export interface TypingStep {
  session: TypingSession | null;
  /** To send, in order. */
  signals: TypingSignal[];
}

/**
 * The throttle of typing signals, as a pure step: the first keystroke announces `typing: true`,
 * further keystrokes repeat it once `TYPING_REPEAT_MS` passed; another conversation or kind of
 * message first ends the previous one; a stop ends the announced one (and nothing when none was).
 */
export function nextTyping(session: TypingSession | null, input: TypingInput): TypingStep {
  if (input.type === 'stop') {
    if (!session) return { session: null, signals: [] };
    const { conversationId, kind } = session;
    return { session: null, signals: [{ conversationId, kind, typing: false }] };
  }
  const { conversationId, kind, now } = input;
  const start: TypingSignal = { conversationId, kind, typing: true };
  if (!session) return { session: { conversationId, kind, sentAt: now }, signals: [start] };
  if (session.conversationId !== conversationId || session.kind !== kind) {
    return {
      session: { conversationId, kind, sentAt: now },
      signals: [
        { conversationId: session.conversationId, kind: session.kind, typing: false },
        start,
      ],
    };
  }
  if (now - session.sentAt >= TYPING_REPEAT_MS) {
    return { session: { ...session, sentAt: now }, signals: [start] };
  }
  return { session, signals: [] };
}
