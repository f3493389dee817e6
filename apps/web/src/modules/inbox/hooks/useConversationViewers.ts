import { skipToken, useQuery } from '@tanstack/react-query';
import type { UserRefDto } from '@touchpoint/shared';
import { queryKeys } from '../../../lib/query-keys';

const NOBODY: UserRefDto[] = [];

/**
 * Who has a conversation open, the user included; fed by the socket only (the join answer of
 * `ConversationRoomEffect` and `conversation.viewers`). Empty until known.
 */
export function useConversationViewers(conversationId: string): UserRefDto[] {
  const viewers = useQuery<UserRefDto[]>({
    queryKey: queryKeys.conversationViewers(conversationId),
    queryFn: skipToken,
  });
  return viewers.data ?? NOBODY;
}
