import { useRef } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MessageDto, SendSuggestionRequest } from '@touchpoint/shared';
import { conversationsApi } from '../../../api/conversations.api';
import type { ApiError } from '../../../api/http';
import { applyMessage, markSuggestionSent } from '../cache/inbox-cache';
import { finishDraft } from '../states/drafts.store';

export interface SendSuggestionVariables {
  conversationId: string;
  suggestionId: string;
  body: SendSuggestionRequest;
}

/**
 * The owner sends a suggested reply to the customer, as written or edited. One request per
 * suggestion at a time (a double click sends once), always with the suggestion's clientMessageId,
 * so even a retry after a lost answer reaches the customer once.
 */
export function useSendSuggestion() {
  const queryClient = useQueryClient();
  const inFlight = useRef(new Set<string>());
  const mutation = useMutation<MessageDto, ApiError, SendSuggestionVariables>({
    mutationFn: ({ suggestionId, body }) => conversationsApi.sendSuggestion(suggestionId, body),
    onSuccess: (reply, { conversationId, suggestionId, body }) => {
      applyMessage(queryClient, reply, 'fresher');
      markSuggestionSent(queryClient, conversationId, suggestionId, reply.id);
      finishDraft(conversationId, body.clientMessageId);
    },
    onError: (error, { conversationId, suggestionId }) => {
      // Sent already (by someone else, or in another tab): show it as sent.
      if (error.status === 409 && error.code === 'messages.suggestion_sent') {
        markSuggestionSent(queryClient, conversationId, suggestionId, null);
      }
    },
    onSettled: (_reply, _error, { suggestionId }) => {
      inFlight.current.delete(suggestionId);
    },
  });

  const send = (variables: SendSuggestionVariables): boolean => {
    if (inFlight.current.has(variables.suggestionId)) return false;
    inFlight.current.add(variables.suggestionId);
    mutation.mutate(variables);
    return true;
  };

  return { ...mutation, send };
}
