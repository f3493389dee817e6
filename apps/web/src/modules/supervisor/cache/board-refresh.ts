import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';

/** The board is fetched again at most this often, however many events arrive. */
export const BOARD_REFRESH_MS = 1000;

const scheduled = new WeakMap<QueryClient, ReturnType<typeof setTimeout>>();

/**
 * Something the board shows changed (a queue, a handoff, someone's presence, a conversation): the
 * board is fetched again, once per BOARD_REFRESH_MS at most, so a busy hour costs one request a
 * second and the board still follows every change within one. Nothing happens while no board is
 * loaded (the events reach every staff member).
 */
export function refreshBoard(queryClient: QueryClient): void {
  if (scheduled.has(queryClient)) return;
  if (!queryClient.getQueryCache().find({ queryKey: queryKeys.supervisorBoard() })) return;
  scheduled.set(
    queryClient,
    setTimeout(() => {
      scheduled.delete(queryClient);
      void queryClient.invalidateQueries({ queryKey: queryKeys.supervisorBoard() });
    }, BOARD_REFRESH_MS),
  );
}
