import { act, screen, waitFor } from '@testing-library/react';
import { http } from '../../../api/http';
import { sessionStore } from '../../auth/states/session.store';
import { installApi } from '../../../../test/fake-api';
import { apiError } from '../../../../test/fetch-mock';
import { signIn, tokensDto } from '../../../../test/fixtures';
import { inboxRoutes } from '../../../../test/inbox-app';
import { renderApp } from '../../../../test/render-app';

/** The inbox, signed in, with connections that renew their token through the app's HTTP client. */
async function renderSignedIn(refresh: () => Response | object) {
  signIn();
  const network = installApi(inboxRoutes({ 'POST /api/auth/refresh': refresh }));
  const app = renderApp('/inbox', {
    renewAccessToken: async () => (await http.refreshSession()) !== null,
  });
  await screen.findByTestId('page-inbox');
  const socket = app.sockets[0];
  if (!socket) throw new Error('the app opened no socket');
  act(() => socket.accept());
  return { ...app, socket, network };
}

describe('RealtimeProvider when the server ends the session', () => {
  it('at token expiry refreshes the token and reconnects; the user stays in the inbox', async () => {
    const { socket, network, router } = await renderSignedIn(() =>
      tokensDto({ accessToken: 'access-token-2', refreshToken: 'refresh-token-2-0123456789' }),
    );

    await act(async () => socket.endSession('token_expired'));
    await waitFor(() => expect(socket.connectCalls).toBe(2));
    expect(network.to('/api/auth/refresh')).toHaveLength(1);
    expect(sessionStore.get()?.accessToken).toBe('access-token-2');
    act(() => socket.accept());

    expect(router.state.location.pathname).toBe('/inbox');
    expect(screen.getByTestId('page-inbox')).toBeInTheDocument();
    expect(screen.queryByTestId('session-notice')).not.toBeInTheDocument();
  });

  it('after a password change elsewhere goes to sign-in and says why', async () => {
    const { socket, router } = await renderSignedIn(() =>
      apiError(401, 'auth.invalid_refresh_token', 'Your session has ended, sign in again'),
    );

    await act(async () => socket.endSession('password_changed'));

    expect(await screen.findByTestId('session-notice')).toHaveTextContent(
      'Your password was changed, so you were signed out. Sign in with the new password.',
    );
    expect(router.state.location.pathname).toBe('/login');
    expect(sessionStore.get()).toBeNull();
  });
});
