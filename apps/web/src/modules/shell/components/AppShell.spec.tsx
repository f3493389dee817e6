import { act, screen, waitFor, within } from '@testing-library/react';
import { REALTIME_EVENTS, type UserDto } from '@touchpoint/shared';
import { sessionStore, SESSION_STORAGE_KEY } from '../../auth/states/session.store';
import { apiError, installFetch, jsonResponse, notFound } from '../../../../test/fetch-mock';
import { signIn, tokensDto, userWithRole } from '../../../../test/fixtures';
import { renderApp } from '../../../../test/render-app';

/** The API as a signed-in user sees it. */
function apiFor(me: UserDto) {
  return installFetch((request) => {
    if (request.url === '/api/me') return jsonResponse(200, me);
    if (request.url === '/api/auth/logout') return new Response(null, { status: 204 });
    return notFound(request);
  });
}

function navLinks(): string[] {
  const nav = screen.getByRole('navigation', { name: 'Main navigation' });
  return within(nav)
    .getAllByRole('link')
    .map((link) => link.textContent ?? '');
}

describe('AppShell', () => {
  it.each([
    ['agent', ['Inbox', 'Handoffs', 'Goals', 'Contacts']],
    ['supervisor', ['Inbox', 'Handoffs', 'Supervisor', 'Journeys', 'Goals', 'Contacts']],
    ['manager', ['Inbox', 'Supervisor', 'Journeys', 'Goals', 'Contacts']],
    ['admin', ['Inbox', 'Handoffs', 'Supervisor', 'Journeys', 'Goals', 'Contacts', 'Settings']],
  ] as const)('shows the sections of the %s role', async (role, expected) => {
    signIn();
    apiFor(userWithRole(role));
    renderApp('/inbox');

    expect(await screen.findByTestId('app-shell')).toBeInTheDocument();
    expect(navLinks()).toEqual(expected);
    expect(screen.getByTestId('current-user-role')).toHaveTextContent(
      { agent: 'Agent', supervisor: 'Supervisor', manager: 'Touchpoint manager', admin: 'Admin' }[
        role
      ],
    );
  });

  it('loads the user, shows the top bar and redirects / to the inbox', async () => {
    signIn();
    const network = apiFor(userWithRole('admin'));
    const { router } = renderApp('/');

    expect(await screen.findByRole('heading', { name: 'Inbox' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/inbox');
    expect(screen.getByTestId('current-user')).toHaveTextContent('Ada Admin');
    expect(screen.getByTestId('workspace-name')).toHaveTextContent('Touchpoint');
    expect(screen.getByTestId('connection-status')).toBeInTheDocument();
    expect(network.to('/api/me')[0]?.headers['authorization']).toBe('Bearer access-token-1');
  });

  it('shows the user their own status beside their menu, as the server tells it', async () => {
    signIn();
    const me = userWithRole('agent');
    apiFor(me);
    const { sockets } = renderApp('/inbox');
    await screen.findByTestId('app-shell');
    const status = screen.getByTestId('presence-status');
    expect(status).toHaveTextContent('Offline');

    act(() => sockets[0]?.accept());
    expect(status).toHaveTextContent('Online');
    act(() =>
      sockets[0]?.deliver(REALTIME_EVENTS.presenceUpdated, {
        userId: me.id,
        status: 'away',
        idle: true,
        at: new Date().toISOString(),
      }),
    );
    await waitFor(() => expect(status).toHaveTextContent('Away (idle)'));
  });

  it('opens a section from the navigation and marks it as the current one', async () => {
    signIn();
    apiFor(userWithRole('admin'));
    const { user } = renderApp('/inbox');
    await screen.findByTestId('app-shell');

    await user.click(screen.getByRole('link', { name: 'Contacts' }));
    expect(await screen.findByRole('heading', { name: 'Contacts' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Contacts' })).toHaveAttribute('aria-current', 'page');
  });

  it('shows a not-found page for unknown routes', async () => {
    signIn();
    apiFor(userWithRole('agent'));
    renderApp('/no/such/page');

    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByTestId('app-shell')).toBeInTheDocument();
  });

  it('does not open a section outside the role, even by URL', async () => {
    signIn();
    apiFor(userWithRole('agent'));
    renderApp('/settings');

    expect(await screen.findByRole('heading', { name: 'No access' })).toBeInTheDocument();
    expect(screen.queryByTestId('page-settings')).not.toBeInTheDocument();
  });

  it('sends a signed-out visitor to the login page and back to where they wanted to go', async () => {
    installFetch((request) =>
      request.url === '/api/auth/login'
        ? jsonResponse(200, tokensDto({ user: userWithRole('supervisor') }))
        : notFound(request),
    );
    const { user, router } = renderApp('/supervisor');

    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');

    await user.type(screen.getByLabelText('Email'), 'supervisor@example.com');
    await user.type(screen.getByLabelText('Password'), 'secret password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByTestId('app-shell')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/supervisor');
  });

  it('signs out: revokes the refresh token, closes the socket and returns to the login page', async () => {
    signIn({ refreshToken: 'refresh-to-revoke-0123' });
    const network = apiFor(userWithRole('agent'));
    const { user, router, sockets, queryClient } = renderApp('/inbox');
    await screen.findByTestId('app-shell');
    expect(sockets).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(network.to('/api/auth/logout')[0]?.body).toEqual({
      refreshToken: 'refresh-to-revoke-0123',
    });
    expect(window.localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(sockets[0]?.disconnectCalls).toBe(1);
    expect(queryClient.getQueryCache().getAll()).toHaveLength(0);
  });

  it('returns to the login page when the session can no longer be renewed', async () => {
    signIn();
    const network = installFetch((request) =>
      request.url === '/api/auth/refresh'
        ? apiError(401, 'auth.refresh_invalid', 'Refresh token is invalid')
        : apiError(401, 'auth.token_expired', 'Token expired'),
    );
    const { router, sockets } = renderApp('/contacts');

    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(network.to('/api/auth/refresh')).toHaveLength(1);
    expect(sessionStore.get()).toBeNull();
    await waitFor(() => expect(sockets[0]?.disconnectCalls).toBe(1));
  });
});
