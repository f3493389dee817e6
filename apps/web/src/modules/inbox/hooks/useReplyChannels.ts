import { useQuery } from '@tanstack/react-query';
import type { ReplyChannelOptionDto } from '@touchpoint/shared';
import { conversationsApi } from '../../../api/conversations.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';

/** The channels the contact can be answered on; `isDefault` is the one they wrote on last. */
export function useReplyChannels(conversationId: string) {
  return useQuery<ReplyChannelOptionDto[], ApiError>({
    queryKey: queryKeys.replyChannels(conversationId),
    queryFn: ({ signal }) => conversationsApi.replyChannels(conversationId, signal),
  });
}
