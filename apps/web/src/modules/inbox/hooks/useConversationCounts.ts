import { useQuery } from '@tanstack/react-query';
import type { ConversationCountsDto } from '@touchpoint/shared';
import { conversationsApi } from '../../../api/conversations.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';

/** Conversations per view, for the badges of the inbox navigation. */
export function useConversationCounts() {
  return useQuery<ConversationCountsDto, ApiError>({
    queryKey: queryKeys.conversationCounts(),
    queryFn: ({ signal }) => conversationsApi.counts(signal),
  });
}
