import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ParticipantDto } from '@touchpoint/shared';
import { handoffsApi } from '../../../api/handoffs.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';

/**
 * The owner (or a supervisor) keeps a specialist in after their consult, or removes someone pulled
 * in. The answer patches the participants at once; they are fetched again either way (also after
 * a refusal, which may mean they changed meanwhile).
 */
export function useParticipantActions(conversationId: string) {
  const queryClient = useQueryClient();
  const key = queryKeys.participants(conversationId);
  const refetch = () => queryClient.invalidateQueries({ queryKey: key, exact: true });

  const keep = useMutation<ParticipantDto, ApiError, string>({
    mutationFn: (userId) => handoffsApi.keepParticipant(conversationId, userId),
    onSuccess: (kept) =>
      queryClient.setQueryData<ParticipantDto[]>(key, (old) =>
        old?.map((participant) => (participant.user.id === kept.user.id ? kept : participant)),
      ),
    onSettled: refetch,
  });

  const remove = useMutation<void, ApiError, string>({
    mutationFn: (userId) => handoffsApi.removeParticipant(conversationId, userId),
    onSuccess: (_answer, userId) =>
      queryClient.setQueryData<ParticipantDto[]>(key, (old) =>
        old?.filter((participant) => participant.user.id !== userId),
      ),
    onSettled: refetch,
  });

  return { keep, remove };
}
