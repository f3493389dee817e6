import { skipToken, useQuery } from '@tanstack/react-query';
import { useEffect, useReducer } from 'react';
import { queryKeys } from '../../../lib/query-keys';
import { activeTyping, type TypingEntry } from '../cache/conversation-presence';

const tick = (count: number) => count + 1;

/**
 * Who types in a conversation now (colleagues, the website-chat customer), fed by the socket only.
 * Re-renders when the first indicator runs out, so one without news disappears on its own.
 */
export function useConversationTyping(conversationId: string): TypingEntry[] {
  const typing = useQuery<TypingEntry[]>({
    queryKey: queryKeys.conversationTyping(conversationId),
    queryFn: skipToken,
  });
  const [, rerender] = useReducer(tick, 0);
  const active = activeTyping(typing.data, Date.now());
  const nextExpiry = active.length > 0 ? Math.min(...active.map((entry) => entry.expiresAt)) : null;

  useEffect(() => {
    if (nextExpiry === null) return undefined;
    const timer = setTimeout(rerender, Math.max(0, nextExpiry - Date.now()));
    return () => clearTimeout(timer);
  }, [nextExpiry]);

  return active;
}
