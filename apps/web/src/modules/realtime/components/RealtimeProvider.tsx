import { useEffect, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { createRealtimeConnection, type RealtimeConnection } from '../../../api/socket';
import { bindRealtimeHandlers } from '../../../lib/realtime-handlers';
import { useSession } from '../../auth/hooks/useSession';
import { RealtimeContext } from '../states/realtime-context';

export type RealtimeConnectionFactory = () => RealtimeConnection;

const defaultFactory: RealtimeConnectionFactory = () => createRealtimeConnection();

export interface RealtimeProviderProps {
  children: ReactNode;
  /** Tests hand in a connection over a fake socket. */
  createConnection?: RealtimeConnectionFactory;
}

/**
 * Opens one socket when a session starts and closes it when the session ends. Token refreshes
 * do not reconnect: the socket reads the current token whenever it (re)connects.
 */
export function RealtimeProvider({
  children,
  createConnection = defaultFactory,
}: RealtimeProviderProps) {
  const signedIn = useSession() !== null;
  const queryClient = useQueryClient();
  const [connection, setConnection] = useState<RealtimeConnection | null>(null);

  useEffect(() => {
    if (!signedIn) return undefined;
    const opened = createConnection();
    const unbindHandlers = bindRealtimeHandlers(opened, queryClient);
    setConnection(opened);
    opened.open();
    return () => {
      unbindHandlers();
      opened.close();
      setConnection(null);
    };
  }, [signedIn, createConnection, queryClient]);

  return <RealtimeContext.Provider value={connection}>{children}</RealtimeContext.Provider>;
}
