import { useQuery } from '@tanstack/react-query';
import type { ParticipantDto } from '@touchpoint/shared';
import { handoffsApi } from '../../../api/handoffs.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';

/** Who is pulled into a conversation right now (accepted consults, mentions). */
export function useParticipants(conversationId: string) {
  return useQuery<ParticipantDto[], ApiError>({
    queryKey: queryKeys.participants(conversationId),
    queryFn: ({ signal }) => handoffsApi.participants(conversationId, signal),
  });
}
