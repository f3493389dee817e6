import { QueryClient } from '@tanstack/react-query';
import { REALTIME_EVENTS, type PresenceUpdatedPayload } from '@touchpoint/shared';
import { RealtimeConnection } from '../api/socket';
import { FakeSocket } from '../../test/fake-socket';
import { queryKeys } from './query-keys';
import { bindRealtimeHandlers, type PresenceByUser } from './realtime-handlers';

function presence(
  userId: string,
  status: PresenceUpdatedPayload['status'],
  at: string,
): PresenceUpdatedPayload {
  return { userId, status, at };
}

describe('realtime handlers', () => {
  it('patch the presence cache from presence.updated and stop after unbinding', () => {
    const socket = new FakeSocket();
    const connection = new RealtimeConnection({ socket, renewAccessToken: async () => true });
    const queryClient = new QueryClient();
    const unbind = bindRealtimeHandlers(connection, queryClient);

    socket.emit(
      REALTIME_EVENTS.presenceUpdated,
      presence('u1', 'online', '2025-05-01T10:00:00.000Z'),
    );
    socket.emit(
      REALTIME_EVENTS.presenceUpdated,
      presence('u2', 'online', '2025-05-01T10:00:01.000Z'),
    );
    socket.emit(
      REALTIME_EVENTS.presenceUpdated,
      presence('u1', 'offline', '2025-05-01T10:05:00.000Z'),
    );
    // A late, older event does not undo the newer state.
    socket.emit(
      REALTIME_EVENTS.presenceUpdated,
      presence('u1', 'online', '2025-05-01T09:59:00.000Z'),
    );

    expect(queryClient.getQueryData<PresenceByUser>(queryKeys.presence())).toEqual({
      u1: presence('u1', 'offline', '2025-05-01T10:05:00.000Z'),
      u2: presence('u2', 'online', '2025-05-01T10:00:01.000Z'),
    });

    unbind();
    expect(socket.listenerCount(REALTIME_EVENTS.presenceUpdated)).toBe(0);
  });
});
