import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LogCallRequest, MessageDto } from '@touchpoint/shared';
import { conversationsApi } from '../../../api/conversations.api';
import type { ApiError } from '../../../api/http';
import { applyMessage } from '../cache/inbox-cache';

/** Logs a call with the customer; it joins the timeline at once (and live for everyone else). */
export function useLogCall(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation<MessageDto, ApiError, LogCallRequest>({
    mutationFn: (body) => conversationsApi.logCall(conversationId, body),
    onSuccess: (message) => applyMessage(queryClient, message, 'incoming'),
  });
}
