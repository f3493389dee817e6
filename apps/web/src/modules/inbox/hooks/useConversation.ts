import { useQuery } from '@tanstack/react-query';
import type { ConversationDto } from '@touchpoint/shared';
import { conversationsApi } from '../../../api/conversations.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';

/** One conversation with its contact; `conversation.updated` keeps it current. */
export function useConversation(id: string) {
  return useQuery<ConversationDto, ApiError>({
    queryKey: queryKeys.conversation(id),
    queryFn: ({ signal }) => conversationsApi.get(id, signal),
  });
}
