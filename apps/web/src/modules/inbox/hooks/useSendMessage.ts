import { useRef } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MessageDto, SendMessageRequest } from '@touchpoint/shared';
import { conversationsApi } from '../../../api/conversations.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';
import { applyMessage, catchUpTimeline } from '../cache/inbox-cache';
import { finishUploads } from '../states/composer-uploads.store';
import { finishDraft } from '../states/drafts.store';

export interface SendMessageVariables {
  conversationId: string;
  body: SendMessageRequest;
}

/**
 * Sends a reply or a note. One request per clientMessageId at a time: a double click or
 * Ctrl+Enter while the first request runs sends nothing more. (The server also answers a
 * repeated clientMessageId with the message it stored, so a retry never sends twice.)
 */
export function useSendMessage() {
  const queryClient = useQueryClient();
  const inFlight = useRef(new Set<string>());
  const mutation = useMutation<MessageDto, ApiError, SendMessageVariables>({
    mutationFn: ({ conversationId, body }) => conversationsApi.sendMessage(conversationId, body),
    onSuccess: (message, { conversationId, body }) => {
      applyMessage(queryClient, message, 'fresher');
      finishDraft(conversationId, body.clientMessageId);
      if (body.attachmentIds?.length) finishUploads(conversationId, body.attachmentIds);
    },
    onError: (error, { conversationId }) => {
      // Show the colleague's reply that caused the warning.
      if (error.code === 'messages.replied_meanwhile')
        void catchUpTimeline(queryClient, conversationId);
      // WhatsApp's window closed before the composer knew: ask again, so it offers the templates.
      if (error.code === 'messages.reply_window_closed')
        void queryClient.invalidateQueries({ queryKey: queryKeys.replyChannels(conversationId) });
    },
    onSettled: (_message, _error, { body }) => {
      inFlight.current.delete(body.clientMessageId);
    },
  });

  const send = (variables: SendMessageVariables): boolean => {
    const id = variables.body.clientMessageId;
    if (inFlight.current.has(id)) return false;
    inFlight.current.add(id);
    mutation.mutate(variables);
    return true;
  };

  return { ...mutation, send };
}
