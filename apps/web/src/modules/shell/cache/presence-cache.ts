import type { QueryClient } from '@tanstack/react-query';
import type { PresenceUpdatedPayload } from '@touchpoint/shared';
import { queryKeys } from '../../../lib/query-keys';

/** Presence of staff by user id, fed by the socket only (events and the answer to a choice). */
export type PresenceByUser = Record<string, PresenceUpdatedPayload>;

/** Keeps the newer of what is known and `payload`: updates may cross on the way. */
export function applyPresence(queryClient: QueryClient, payload: PresenceUpdatedPayload): void {
  queryClient.setQueryData<PresenceByUser>(queryKeys.presence(), (previous) => {
    const known = previous?.[payload.userId];
    if (known && known.at > payload.at) return previous;
    return { ...previous, [payload.userId]: payload };
  });
}
