import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { conversationsApi } from '../../../api/conversations.api';
import { applyConversationSummary } from '../cache/inbox-cache';

/** Marks the open conversation as read whenever it shows unread customer messages. */
export function MarkReadEffect({
  conversationId,
  unreadCount,
}: {
  conversationId: string;
  unreadCount: number;
}) {
  const queryClient = useQueryClient();
  const { mutate } = useMutation({
    mutationFn: () => conversationsApi.markRead(conversationId),
    onSuccess: (conversation) => applyConversationSummary(queryClient, conversation),
  });
  useEffect(() => {
    if (unreadCount > 0) mutate();
  }, [conversationId, unreadCount, mutate]);
  return null;
}
