import type { SessionEndReason } from '@touchpoint/shared';
import { FakeSocket } from '../../test/fake-socket';
import { RealtimeConnection } from './socket';

function setup(renew: () => Promise<boolean>) {
  const socket = new FakeSocket();
  const renewAccessToken = jest.fn(renew);
  const endedBecause: SessionEndReason[] = [];
  const connection = new RealtimeConnection({
    socket,
    renewAccessToken,
    onSessionOver: (reason) => endedBecause.push(reason),
  });
  connection.open();
  socket.accept();
  return { socket, connection, renewAccessToken, endedBecause };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('RealtimeConnection when the server ends the session', () => {
  it('at token expiry renews the access token and reconnects, without ending the session', async () => {
    const { socket, connection, renewAccessToken, endedBecause } = setup(async () => true);

    socket.endSession('token_expired');
    expect(connection.getState()).toBe('connecting');
    await settle();
    expect(renewAccessToken).toHaveBeenCalledTimes(1);
    expect(socket.connectCalls).toBe(2);
    socket.accept();
    expect(connection.getState()).toBe('connected');
    expect(endedBecause).toEqual([]);
  });

  it('after a role change the refreshed token brings the socket back', async () => {
    const { socket, connection, renewAccessToken, endedBecause } = setup(async () => true);
    socket.endSession('role_changed');
    await settle();
    expect(renewAccessToken).toHaveBeenCalledTimes(1);
    expect(socket.connectCalls).toBe(2);
    socket.accept();
    expect(connection.getState()).toBe('connected');
    expect(endedBecause).toEqual([]);
  });

  it('when the refresh is refused (password changed elsewhere) stays offline and says why', async () => {
    const { socket, connection, endedBecause } = setup(async () => false);

    socket.endSession('password_changed');
    await settle();
    expect(socket.connectCalls).toBe(1);
    expect(connection.getState()).toBe('disconnected');
    expect(endedBecause).toEqual(['password_changed']);
  });

  it('a dropped transport is left to socket.io: no renewal', async () => {
    const { socket, connection, renewAccessToken } = setup(async () => true);
    socket.drop();
    await settle();
    expect(renewAccessToken).not.toHaveBeenCalled();
    expect(connection.getState()).toBe('connecting');
  });

  it('a renewal that fails for want of a server keeps the session and goes offline', async () => {
    const { socket, connection, endedBecause } = setup(async () => {
      throw new Error('offline');
    });
    socket.endSession('token_expired');
    await settle();
    expect(connection.getState()).toBe('disconnected');
    expect(endedBecause).toEqual([]);
  });
});
