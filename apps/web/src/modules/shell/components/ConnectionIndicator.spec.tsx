import { act, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { REALTIME_UNAUTHORIZED } from '@touchpoint/shared';
import { RealtimeConnection } from '../../../api/socket';
import { createI18n } from '../../../lib/i18n';
import { RealtimeContext } from '../../realtime/states/realtime-context';
import { FakeSocket } from '../../../../test/fake-socket';
import { ConnectionIndicator } from './ConnectionIndicator';

function setup(renew: () => Promise<boolean> = async () => true) {
  const socket = new FakeSocket();
  const renewAccessToken = jest.fn(renew);
  const connection = new RealtimeConnection({ socket, renewAccessToken });
  render(
    <I18nextProvider i18n={createI18n()}>
      <RealtimeContext.Provider value={connection}>
        <ConnectionIndicator />
      </RealtimeContext.Provider>
    </I18nextProvider>,
  );
  const status = screen.getByTestId('connection-status');
  return { socket, connection, renewAccessToken, status };
}

describe('ConnectionIndicator', () => {
  it('follows the socket: Connecting…, Live, Connecting… after a drop, Offline when unreachable', () => {
    const { socket, connection, status } = setup();
    expect(status).toHaveAttribute('data-state', 'disconnected');

    act(() => connection.open());
    expect(status).toHaveAttribute('data-state', 'connecting');
    expect(status).toHaveTextContent('Connecting…');
    expect(socket.connectCalls).toBe(1);

    act(() => socket.accept());
    expect(status).toHaveAttribute('data-state', 'connected');
    expect(status).toHaveTextContent('Live');

    act(() => socket.drop());
    expect(status).toHaveAttribute('data-state', 'connecting');

    act(() => socket.unreachable());
    expect(status).toHaveAttribute('data-state', 'disconnected');
    expect(status).toHaveTextContent('Offline');

    act(() => socket.accept());
    expect(status).toHaveAttribute('data-state', 'connected');
  });

  it('renews the token and reconnects once when the server refuses it', async () => {
    const { socket, connection, renewAccessToken, status } = setup();
    act(() => connection.open());

    await act(async () => socket.refuse(REALTIME_UNAUTHORIZED));
    expect(renewAccessToken).toHaveBeenCalledTimes(1);
    expect(socket.connectCalls).toBe(2);
    expect(status).toHaveAttribute('data-state', 'connecting');

    // Refused again with the new token: give up instead of looping.
    await act(async () => socket.refuse(REALTIME_UNAUTHORIZED));
    expect(renewAccessToken).toHaveBeenCalledTimes(1);
    expect(socket.connectCalls).toBe(2);
    expect(status).toHaveAttribute('data-state', 'disconnected');
  });

  it('stays offline when the session cannot be renewed', async () => {
    const { socket, connection, status } = setup(async () => false);
    act(() => connection.open());

    await act(async () => socket.refuse(REALTIME_UNAUTHORIZED));

    expect(socket.connectCalls).toBe(1);
    expect(status).toHaveAttribute('data-state', 'disconnected');
  });

  it('may renew again after a later, successful connection', async () => {
    const { socket, connection, renewAccessToken, status } = setup();
    act(() => connection.open());
    await act(async () => socket.refuse(REALTIME_UNAUTHORIZED));
    act(() => socket.accept());
    expect(status).toHaveAttribute('data-state', 'connected');

    act(() => socket.drop());
    await act(async () => socket.refuse(REALTIME_UNAUTHORIZED));

    expect(renewAccessToken).toHaveBeenCalledTimes(2);
    expect(socket.connectCalls).toBe(3);
  });

  it('shows Offline in German, and Offline without any connection', () => {
    jest.spyOn(window.navigator, 'languages', 'get').mockReturnValue(['de-DE']);
    render(
      <I18nextProvider i18n={createI18n()}>
        <ConnectionIndicator />
      </I18nextProvider>,
    );
    const status = screen.getByTestId('connection-status');
    expect(status).toHaveAttribute('data-state', 'disconnected');
    expect(status).toHaveTextContent('Offline');
    expect(status).toHaveAttribute('title', expect.stringContaining('Live-Updates'));
  });
});
