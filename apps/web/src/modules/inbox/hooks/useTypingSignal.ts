import { useCallback, useEffect, useRef } from 'react';
import type { TypingKind } from '../../../api/socket';
import { useRealtimeConnection } from '../../realtime/hooks/useRealtimeConnection';
import {
  nextTyping,
  TYPING_IDLE_MS,
  type TypingInput,
  type TypingSession,
} from '../format/typing-throttle';

export interface TypingSignalControls {
  /** A keystroke that leaves text in the composer. */
  typed(kind: TypingKind): void;
  /** The user sent, emptied the composer or left: colleagues stop seeing "is typing". */
  stopped(): void;
}

/**
 * Tells the conversation's room that the user types in the composer, throttled by `nextTyping`:
 * `typing: true` at most every 3 s, `typing: false` after 4 s without a keystroke, when stopped,
 * when the conversation changes and when the composer goes away.
 */
export function useTypingSignal(conversationId: string): TypingSignalControls {
  const connection = useRealtimeConnection();
  const session = useRef<TypingSession | null>(null);
  const idleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const step = useCallback(
    (input: TypingInput) => {
      const next = nextTyping(session.current, input);
      session.current = next.session;
      next.signals.forEach((signal) => connection?.sendTyping(signal));
    },
    [connection],
  );

  const stopped = useCallback(() => {
    clearTimeout(idleTimer.current);
    idleTimer.current = undefined;
    step({ type: 'stop' });
  }, [step]);

  const typed = useCallback(
    (kind: TypingKind) => {
      step({ type: 'input', conversationId, kind, now: Date.now() });
      clearTimeout(idleTimer.current);
      idleTimer.current = setTimeout(stopped, TYPING_IDLE_MS);
    },
    [conversationId, step, stopped],
  );

  // Switching to another conversation, or closing it, ends what was announced.
  useEffect(() => stopped, [conversationId, stopped]);

  return { typed, stopped };
}
