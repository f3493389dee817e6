import { useSyncExternalStore } from 'react';
import { sessionStore, type Session } from '../states/session.store';

/** The current session, or null when signed out. Re-renders when it changes. */
export function useSession(): Session | null {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get, sessionStore.get);
}
