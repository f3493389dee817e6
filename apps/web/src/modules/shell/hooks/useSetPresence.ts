import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChosenPresenceStatus, PresenceUpdatedPayload } from '@touchpoint/shared';
import { useRealtimeConnection } from '../../realtime/hooks/useRealtimeConnection';
import { applyPresence } from '../cache/presence-cache';

/** Chooses online or away over the socket; the answer updates the user's presence at once. */
export function useSetPresence() {
  const connection = useRealtimeConnection();
  const queryClient = useQueryClient();
  return useMutation<PresenceUpdatedPayload, Error, ChosenPresenceStatus>({
    mutationFn: async (status) => {
      const answer = connection
        ? await connection.setPresence(status)
        : { ok: false, error: 'offline' };
      if (!answer.ok || !answer.presence) throw new Error(answer.error ?? 'no answer');
      return answer.presence;
    },
    onSuccess: (presence) => applyPresence(queryClient, presence),
  });
}
