import { useQuery } from '@tanstack/react-query';
import type { MergeCandidateDto } from '@touchpoint/shared';
import { conversationMergeApi } from '../../../api/conversation-merge.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';

/** The contact's other conversations that could be merged into this one, latest activity first. */
export function useMergeCandidates(conversationId: string) {
  return useQuery<MergeCandidateDto[], ApiError>({
    queryKey: queryKeys.mergeCandidates(conversationId),
    queryFn: ({ signal }) => conversationMergeApi.candidates(conversationId, signal),
  });
}
