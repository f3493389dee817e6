import { QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import {
  REALTIME_EVENTS,
  REALTIME_SET_PRESENCE,
  type PresenceUpdatedPayload,
} from '@touchpoint/shared';
import { RealtimeConnection } from '../../../api/socket';
import { createQueryClient } from '../../../app/query-client';
import { createI18n } from '../../../lib/i18n';
import { bindRealtimeHandlers } from '../../../lib/realtime-handlers';
import { FakeSocket } from '../../../../test/fake-socket';
import { RealtimeContext } from '../../realtime/states/realtime-context';
import { PresenceMenu } from './PresenceMenu';

const ME = '0b7c9a4e-2f1d-4c3b-9a8e-7d6c5b4a3f21';

function presence(
  status: PresenceUpdatedPayload['status'],
  idle = false,
  at = new Date().toISOString(),
): PresenceUpdatedPayload {
  return { userId: ME, status, idle, at };
}

function setup({ connected = true } = {}) {
  const socket = new FakeSocket();
  const connection = new RealtimeConnection({ socket, renewAccessToken: async () => true });
  const queryClient = createQueryClient();
  bindRealtimeHandlers(connection, queryClient);
  connection.open();
  if (connected) socket.accept();
  // The server answers a choice with the user's presence after it.
  socket.respondToAck = (event, [body]) =>
    event === REALTIME_SET_PRESENCE
      ? { ok: true, presence: presence((body as { status: 'online' | 'away' }).status) }
      : { ok: true };
  render(
    <I18nextProvider i18n={createI18n()}>
      <QueryClientProvider client={queryClient}>
        <RealtimeContext.Provider value={connection}>
          <PresenceMenu userId={ME} />
        </RealtimeContext.Provider>
      </QueryClientProvider>
    </I18nextProvider>,
  );
  const status = screen.getByTestId('presence-status');
  // The query cache tells its observers asynchronously: wait for what the status shows.
  const serverSays = async (payload: PresenceUpdatedPayload, shown: string) => {
    act(() => socket.deliver(REALTIME_EVENTS.presenceUpdated, payload));
    await waitFor(() => expect(status).toHaveAttribute('data-status', shown));
  };
  return { socket, status, serverSays, user: userEvent.setup() };
}

describe('PresenceMenu', () => {
  it('shows what the server says of the user: online, away, away (idle)', async () => {
    const { status, serverSays } = setup();
    expect(status).toHaveTextContent('Online');

    await serverSays(presence('away', true), 'idle');
    expect(status).toHaveTextContent('Away (idle)');
    expect(status).toHaveAccessibleName('Your status: Away (idle)');
    expect(status).toHaveAttribute('title', expect.stringContaining('as soon as you do'));

    await serverSays(presence('away'), 'away');
    expect(status).toHaveTextContent(/^Away$/);
    await serverSays(presence('online'), 'online');
    expect(status).toHaveTextContent(/^Online$/);
  });

  it('chooses away and online over the socket, the choice marked in the menu', async () => {
    const { socket, status, user } = setup();
    await user.click(status);
    const menu = screen.getByTestId('presence-menu');
    expect(within(menu).getByRole('button', { name: /^Online/ })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    await user.click(within(menu).getByRole('button', { name: /^Away/ }));
    expect(socket.sentPayloads(REALTIME_SET_PRESENCE)).toEqual([{ status: 'away' }]);
    expect(await screen.findByText(/^Away$/)).toBeInTheDocument();
    expect(screen.queryByTestId('presence-menu')).not.toBeInTheDocument();
    expect(status).toHaveFocus();

    await user.click(status);
    expect(screen.getByRole('button', { name: /^Away/, pressed: true })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /^Online/ }));
    expect(socket.sentPayloads(REALTIME_SET_PRESENCE)).toEqual([
      { status: 'away' },
      { status: 'online' },
    ]);
    expect(await screen.findByText(/^Online$/)).toBeInTheDocument();
  });

  it('offers online while away by inactivity, since the choice was never away', async () => {
    const { status, serverSays, user } = setup();
    await serverSays(presence('away', true), 'idle');
    await user.click(status);
    expect(screen.getByRole('button', { name: /^Online/ })).toHaveAttribute('aria-pressed', 'true');
  });

  it('says so when the server refuses the choice, and keeps the status', async () => {
    const { socket, status, user } = setup();
    socket.respondToAck = () => ({ ok: false, error: 'The request failed: try again' });
    await user.click(status);
    await user.click(screen.getByRole('button', { name: /^Away/ }));
    expect(await screen.findByTestId('presence-error')).toHaveTextContent(
      "Your status couldn't be changed.",
    );
    expect(status).toHaveTextContent('Online');
  });

  it('shows offline, without a choice, while not connected', () => {
    const { status } = setup({ connected: false });
    expect(status).toHaveTextContent('Offline');
    expect(status).toBeDisabled();
  });

  it('speaks German', async () => {
    jest.spyOn(window.navigator, 'languages', 'get').mockReturnValue(['de-DE']);
    const { status, serverSays } = setup();
    await serverSays(presence('away', true), 'idle');
    expect(status).toHaveTextContent('Abwesend (inaktiv)');
    expect(status).toHaveAccessibleName('Ihr Status: Abwesend (inaktiv)');
  });
});
