import { useCallback, useSyncExternalStore } from 'react';
import type { ConnectionState, RealtimeConnection } from '../../../api/socket';

type StateSource = Pick<RealtimeConnection, 'getState' | 'subscribe'>;

const noSubscription = () => () => undefined;

/** The live state of a connection ('disconnected' when there is none). */
export function useConnectionState(connection: StateSource | null): ConnectionState {
  const subscribe = useCallback(
    (listener: () => void) => (connection ? connection.subscribe(listener) : noSubscription()),
    [connection],
  );
  const getSnapshot = (): ConnectionState => (connection ? connection.getState() : 'disconnected');
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
