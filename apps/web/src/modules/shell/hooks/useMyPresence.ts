import { skipToken, useQuery } from '@tanstack/react-query';
import type { PresenceUpdatedPayload } from '@touchpoint/shared';
import { queryKeys } from '../../../lib/query-keys';
import type { PresenceByUser } from '../cache/presence-cache';

/**
 * The user's presence as the server announced it (every new socket is told its own), fed by the
 * socket only; undefined until it arrives.
 */
export function useMyPresence(userId: string): PresenceUpdatedPayload | undefined {
  return useQuery<PresenceByUser, Error, PresenceUpdatedPayload | undefined>({
    queryKey: queryKeys.presence(),
    queryFn: skipToken,
    select: (all) => all[userId],
  }).data;
}
