import type { QueryClient } from '@tanstack/react-query';
import type { RealtimeEventMap } from '@touchpoint/shared';
import type { RealtimeConnection } from '../api/socket';
import {
  applyConversationSummary,
  applyMessage,
  catchUpTimeline,
  loadedTimelineSeq,
  timelineBehind,
} from '../modules/inbox/cache/inbox-cache';
import {
  applyConversationTyping,
  setConversationViewers,
} from '../modules/inbox/cache/conversation-presence';
import { applyHandoff } from '../modules/handoffs/cache/handoff-cache';
import { applyNotificationCreated } from '../modules/notifications/cache/notification-cache';
import { refreshBoard } from '../modules/supervisor/cache/board-refresh';
import { applyPresence } from '../modules/shell/cache/presence-cache';
import { queryKeys } from './query-keys';

export type { PresenceByUser } from '../modules/shell/cache/presence-cache';

type ServerEvent = Exclude<keyof RealtimeEventMap, 'session.ready'>;

export type RealtimeHandlers = {
  [E in ServerEvent]: (payload: RealtimeEventMap[E], queryClient: QueryClient) => void;
};

/** How each server event patches or invalidates the query cache. The one place for it. */
export const realtimeHandlers: RealtimeHandlers = {
  'message.created': ({ conversationId, seq, message }, queryClient) => {
    // The customer wrote, maybe on another channel: replies go there by default now.
    if (message.type === 'inbound') {
      void queryClient.invalidateQueries({ queryKey: queryKeys.replyChannels(conversationId) });
    }
    // Whoever sent it has stopped typing, whether or not their "stopped" arrives.
    if (message.author.type !== 'system') {
      applyConversationTyping(queryClient, {
        conversationId,
        typing: false,
        author: { type: message.author.type, id: message.author.id, name: message.author.name },
      });
    }
    const lastSeq = loadedTimelineSeq(queryClient, conversationId);
    if (lastSeq === undefined) return; // not loaded: it comes with the timeline when opened
    applyMessage(queryClient, message, 'fresher');
    // Entries between ours and this one (timeline events are not pushed) are fetched.
    if (seq > lastSeq + 1) void catchUpTimeline(queryClient, conversationId);
  },
  'message.updated': ({ message }, queryClient) => {
    applyMessage(queryClient, message, 'incoming');
  },
  'conversation.updated': ({ conversationId, conversation }, queryClient) => {
    applyConversationSummary(queryClient, conversation);
    refreshBoard(queryClient);
    // A state change adds a timeline event the socket does not carry: fetch it if shown. A merge
    // or split renumbers the thread: the open timeline reads it anew, for everyone looking at it.
    if (timelineBehind(queryClient, conversation))
      void catchUpTimeline(queryClient, conversationId);
  },
  // Patches the conversation's handoffs and the loaded lists, refetches the lists (who is in
  // a queue is the server's to say), and fetches the timeline event the change added.
  'handoff.created': ({ handoff }, queryClient) => {
    applyHandoff(queryClient, handoff);
    refreshBoard(queryClient);
  },
  'handoff.updated': ({ handoff }, queryClient) => {
    applyHandoff(queryClient, handoff);
    refreshBoard(queryClient);
  },
  'queue.updated': (_payload, queryClient) => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.conversationCounts() });
    refreshBoard(queryClient);
  },
  'presence.updated': (payload, queryClient) => {
    refreshBoard(queryClient);
    // Online, away (chosen, or idle in every tab) or offline; the newer of two crossing wins.
    applyPresence(queryClient, payload);
  },
  // A colleague in the composer or the customer in the website chat: shown until the TTL ends.
  'conversation.typing': (payload, queryClient) => applyConversationTyping(queryClient, payload),
  // Who has the conversation open: the whole list each time someone opens or leaves it.
  'conversation.viewers': ({ conversationId, viewers }, queryClient) =>
    setConversationViewers(queryClient, conversationId, viewers),
  // The user may no longer see it (grace period over, removed): the open thread asks again and
  // shows the 403 as "not found"; lists and counts drop it.
  'conversation.access_ended': ({ conversationId }, queryClient) => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.conversation(conversationId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.conversations() });
    void queryClient.invalidateQueries({ queryKey: queryKeys.participants(conversationId) });
  },
  // Into the bell's list at once (once per id), the unread count up by one.
  'notification.created': ({ notification }, queryClient) =>
    applyNotificationCreated(queryClient, notification),
  // The socket reconnects with a refreshed token (or the session is over); a new role shows at once.
  'session.ended': ({ reason }, queryClient) => {
    if (reason === 'role_changed') void queryClient.invalidateQueries({ queryKey: queryKeys.me() });
  },
};

/**
 * After a reconnect, events of the gap are lost: lists, counts, open conversations, handoffs and
 * notifications are fetched again. (The open thread re-joins its room and catches its timeline
 * up with `after=<last seq>` in `ConversationRoomEffect`, once the server has it in the room
 * again.)
 */
export function handleReconnected(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: queryKeys.conversations() });
  void queryClient.invalidateQueries({ queryKey: queryKeys.conversationDetails() });
  void queryClient.invalidateQueries({ queryKey: queryKeys.contacts() });
  void queryClient.invalidateQueries({ queryKey: queryKeys.handoffs() });
  void queryClient.invalidateQueries({ queryKey: queryKeys.allParticipants() });
  void queryClient.invalidateQueries({ queryKey: queryKeys.notifications() });
  void queryClient.invalidateQueries({ queryKey: queryKeys.supervisorBoard() });
}

/** Subscribes every handler; returns the function that unsubscribes them all. */
export function bindRealtimeHandlers(
  connection: Pick<RealtimeConnection, 'on' | 'subscribe' | 'getState'>,
  queryClient: QueryClient,
  handlers: RealtimeHandlers = realtimeHandlers,
): () => void {
  const bind = <E extends ServerEvent>(event: E) =>
    connection.on(event, (payload) => handlers[event](payload, queryClient));
  const unbinders = (Object.keys(handlers) as ServerEvent[]).map((event) => bind(event));

  let wasConnected = connection.getState() === 'connected';
  let lostConnection = false;
  unbinders.push(
    connection.subscribe(() => {
      if (connection.getState() !== 'connected') {
        lostConnection = wasConnected;
        return;
      }
      if (lostConnection) handleReconnected(queryClient);
      wasConnected = true;
      lostConnection = false;
    }),
  );
  return () => unbinders.forEach((unbind) => unbind());
}
