import type { QueryClient } from '@tanstack/react-query';
import type { PresenceUpdatedPayload, RealtimeEventMap } from '@touchpoint/shared';
import type { RealtimeConnection } from '../api/socket';
import { queryKeys } from './query-keys';

export type PresenceByUser = Record<string, PresenceUpdatedPayload>;

type ServerEvent = Exclude<keyof RealtimeEventMap, 'session.ready'>;

export type RealtimeHandlers = {
  [E in ServerEvent]: (payload: RealtimeEventMap[E], queryClient: QueryClient) => void;
};

/** How each server event patches or invalidates the query cache. The one place for it. */
export const realtimeHandlers: RealtimeHandlers = {
  'message.created': (payload, queryClient) => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.timeline(payload.conversationId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.conversations() });
  },
  'message.updated': (payload, queryClient) => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.timeline(payload.conversationId) });
  },
  'conversation.updated': (payload, queryClient) => {
    void queryClient.invalidateQueries({
      queryKey: queryKeys.conversation(payload.conversationId),
    });
    void queryClient.invalidateQueries({ queryKey: queryKeys.conversations() });
  },
  'queue.updated': (_payload, queryClient) => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.conversations() });
  },
  'presence.updated': (payload, queryClient) => {
    queryClient.setQueryData<PresenceByUser>(queryKeys.presence(), (previous) => {
      const known = previous?.[payload.userId];
      if (known && known.at > payload.at) return previous; // an older event arrived late
      return { ...previous, [payload.userId]: payload };
    });
  },
};

/** Subscribes every handler; returns the function that unsubscribes them all. */
export function bindRealtimeHandlers(
  connection: Pick<RealtimeConnection, 'on'>,
  queryClient: QueryClient,
  handlers: RealtimeHandlers = realtimeHandlers,
): () => void {
  const bind = <E extends ServerEvent>(event: E) =>
    connection.on(event, (payload) => handlers[event](payload, queryClient));
  const unbinders = (Object.keys(handlers) as ServerEvent[]).map((event) => bind(event));
  return () => unbinders.forEach((unbind) => unbind());
}
