import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ConversationDto } from '@touchpoint/shared';
import { conversationsApi } from '../../../api/conversations.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';

/** The query of one conversation, shared by the pane and the timeline (which opens at its end). */
export function conversationQuery(id: string) {
  return queryOptions<ConversationDto, ApiError>({
    queryKey: queryKeys.conversation(id),
    queryFn: ({ signal }) => conversationsApi.get(id, signal),
  });
}

/** One conversation with its contact; `conversation.updated` keeps it current. */
export function useConversation(id: string) {
  return useQuery(conversationQuery(id));
}
