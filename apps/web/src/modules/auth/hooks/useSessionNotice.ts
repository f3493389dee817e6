import { useSyncExternalStore } from 'react';
import type { SessionEndReason } from '@touchpoint/shared';
import { sessionNoticeStore } from '../states/session-notice.store';

/** Why the last session was ended by the server, until the user signs in again. */
export function useSessionNotice(): SessionEndReason | null {
  return useSyncExternalStore(
    sessionNoticeStore.subscribe,
    sessionNoticeStore.get,
    sessionNoticeStore.get,
  );
}
