import { useQuery } from '@tanstack/react-query';
import type { HandoffDto } from '@touchpoint/shared';
import { handoffsApi } from '../../../api/handoffs.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';

/** Every handoff of a conversation, oldest first; `handoff.*` events keep it current. */
export function useConversationHandoffs(conversationId: string) {
  return useQuery<HandoffDto[], ApiError>({
    queryKey: queryKeys.conversationHandoffs(conversationId),
    queryFn: ({ signal }) => handoffsApi.listOfConversation(conversationId, signal),
  });
}
