import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useConnectionState } from '../../realtime/hooks/useConnectionState';
import { useRealtimeConnection } from '../../realtime/hooks/useRealtimeConnection';
import { forgetConversationPresence, setConversationViewers } from '../cache/conversation-presence';
import { catchUpTimeline } from '../cache/inbox-cache';

/**
 * Keeps the socket in the room of the open conversation, so its events arrive even when it is
 * not in the user's or teams' rooms. Rooms belong to one socket: after a reconnect it joins
 * again and then fetches the timeline `after=<last seq>`, so what happened meanwhile is merged
 * in (the realtime handlers refetch lists and counts). Leaves when the conversation closes.
 * The join answers who has the conversation open (`conversation.viewers` keeps it current); while
 * out of the room (closed, offline) viewers and typing are forgotten, as nothing updates them.
 */
export function ConversationRoomEffect({ conversationId }: { conversationId: string }) {
  const connection = useRealtimeConnection();
  const connected = useConnectionState(connection) === 'connected';
  const queryClient = useQueryClient();
  const joined = useRef<string | null>(null);
  const lostConnection = useRef(false);

  useEffect(() => {
    if (!connection || !connected) {
      // Offline: the server forgot our rooms, and events of the gap are lost.
      if (joined.current === conversationId) lostConnection.current = true;
      return undefined;
    }
    let open = true;
    const catchUp = lostConnection.current;
    lostConnection.current = false;
    joined.current = conversationId;
    void connection.joinConversation(conversationId).then((answer) => {
      if (!open) return;
      if (answer.viewers) setConversationViewers(queryClient, conversationId, answer.viewers);
      // Joined (or refused, or no answer): either way, fetch what the gap may hold.
      if (catchUp) void catchUpTimeline(queryClient, conversationId);
    });
    return () => {
      open = false;
      connection.leaveConversation(conversationId);
      forgetConversationPresence(queryClient, conversationId);
    };
  }, [connection, connected, conversationId, queryClient]);

  return null;
}
