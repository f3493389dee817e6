import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MessageDto } from '@touchpoint/shared';
import { conversationsApi } from '../../../api/conversations.api';
import type { ApiError } from '../../../api/http';
import { applyMessage } from '../cache/inbox-cache';

/** Sends a failed reply again; it comes back queued and its delivery is followed live. */
export function useRetryMessage() {
  const queryClient = useQueryClient();
  return useMutation<MessageDto, ApiError, string>({
    mutationFn: (messageId) => conversationsApi.retryMessage(messageId),
    onSuccess: (message) => applyMessage(queryClient, message, 'incoming'),
  });
}
