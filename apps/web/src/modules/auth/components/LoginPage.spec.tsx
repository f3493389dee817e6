import { screen, waitFor, within } from '@testing-library/react';
import { SESSION_STORAGE_KEY } from '../states/session.store';
import {
  apiError,
  installFetch,
  jsonResponse,
  networkFailure,
  notFound,
} from '../../../../test/fetch-mock';
import { tokensDto, userDto } from '../../../../test/fixtures';
import { renderApp } from '../../../../test/render-app';

async function fillAndSubmit(
  user: ReturnType<typeof renderApp>['user'],
  values: { email?: string; password?: string },
) {
  if (values.email) await user.type(screen.getByLabelText('Email'), values.email);
  if (values.password) await user.type(screen.getByLabelText('Password'), values.password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('LoginPage', () => {
  it('posts the credentials to the API and opens the shell with the user and their navigation', async () => {
    const anna = userDto({ name: 'Anna Agent', role: 'agent' });
    const network = installFetch((request) =>
      request.url === '/api/auth/login'
        ? jsonResponse(200, tokensDto({ user: anna }))
        : notFound(request),
    );
    const { user, router, sockets } = renderApp('/login');

    const email = screen.getByLabelText('Email');
    const password = screen.getByLabelText('Password');
    expect(email).toHaveValue('');
    expect(password).toHaveValue('');
    expect(email).toHaveAttribute('name', 'email');
    expect(password).toHaveAttribute('name', 'password');
    await fillAndSubmit(user, { email: 'Anna@Example.com', password: 'correct horse battery' });

    const shell = await screen.findByTestId('app-shell');
    expect(within(shell).getByTestId('current-user')).toHaveTextContent('Anna Agent');
    expect(router.state.location.pathname).toBe('/inbox');
    expect(await screen.findByRole('heading', { name: 'Inbox', level: 1 })).toBeInTheDocument();

    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).getByRole('link', { name: 'Inbox' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(within(nav).getByRole('link', { name: 'Contacts' })).toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Supervisor' })).not.toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Settings' })).not.toBeInTheDocument();

    expect(network.to('/api/auth/login')).toHaveLength(1);
    expect(network.requests[0]).toMatchObject({
      method: 'POST',
      url: '/api/auth/login',
      body: { email: 'anna@example.com', password: 'correct horse battery' },
    });
    expect(network.requests[0]?.headers['authorization']).toBeUndefined();
    // Everything after the login (the inbox loading) carries the new access token.
    for (const request of network.requests.slice(1)) {
      expect(request.headers['authorization']).toBe('Bearer access-token-1');
    }
    expect(JSON.parse(window.localStorage.getItem(SESSION_STORAGE_KEY) ?? 'null')).toMatchObject({
      accessToken: 'access-token-1',
      refreshToken: 'refresh-token-1-0123456789',
    });
    expect(sockets).toHaveLength(1);
    expect(sockets[0]?.connectCalls).toBe(1);
  });

  it('says the email or password is wrong on 401, without trying to refresh', async () => {
    const network = installFetch(() =>
      apiError(401, 'auth.invalid_credentials', 'Invalid email or password'),
    );
    const { user } = renderApp('/login');

    await fillAndSubmit(user, { email: 'anna@example.com', password: 'wrong password' });

    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong email or password.');
    expect(network.requests.map((request) => request.url)).toEqual(['/api/auth/login']);
    expect(screen.queryByTestId('app-shell')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveValue('anna@example.com');
  });

  it('tells how many seconds to wait when rate limited (429 with Retry-After)', async () => {
    installFetch(() =>
      apiError(429, 'auth.too_many_attempts', 'Too many attempts', {
        headers: { 'Retry-After': '42' },
      }),
    );
    const { user } = renderApp('/login');

    await fillAndSubmit(user, { email: 'anna@example.com', password: 'any password' });

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many attempts, try again in 42 seconds.',
    );
  });

  it('tells the wait in minutes once it is a minute or longer', async () => {
    installFetch(() =>
      apiError(429, 'rate_limited', 'Too many failed sign-ins: try again in 4 minutes', {
        headers: { 'Retry-After': '240' },
      }),
    );
    const { user } = renderApp('/login');

    await fillAndSubmit(user, { email: 'anna@example.com', password: 'any password' });

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many attempts, try again in 4 minutes.',
    );
  });

  it('checks the fields before calling the API', async () => {
    const network = installFetch(notFound);
    const { user } = renderApp('/login');

    await fillAndSubmit(user, { password: 'secret password' });

    const email = screen.getByLabelText('Email');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription('Enter your email address.');
    expect(email).toHaveFocus();
    expect(network.requests).toHaveLength(0);

    await user.type(email, 'not-an-address');
    await user.clear(screen.getByLabelText('Password'));
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(email).toHaveAccessibleDescription('Enter a valid email address.');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter your password.');
    expect(network.requests).toHaveLength(0);
  });

  it('shows the problems the API reports for a field (400 with details)', async () => {
    installFetch(() =>
      apiError(400, 'validation_failed', 'Validation failed', {
        details: [{ path: 'email', message: 'must be an email address' }],
      }),
    );
    const { user } = renderApp('/login');

    await fillAndSubmit(user, { email: 'anna@example.com', password: 'secret password' });

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Please check the highlighted fields.',
    );
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription(
      'Enter a valid email address.',
    );
  });

  it('says the server cannot be reached when the request fails', async () => {
    installFetch(() => networkFailure());
    const { user } = renderApp('/login');

    await fillAndSubmit(user, { email: 'anna@example.com', password: 'secret password' });

    expect(await screen.findByRole('alert')).toHaveTextContent("The server can't be reached.");
  });

  it('treats a proxy error without an API body as unreachable', async () => {
    installFetch(() => new Response('', { status: 502, headers: { 'Content-Type': 'text/html' } }));
    const { user } = renderApp('/login');

    await fillAndSubmit(user, { email: 'anna@example.com', password: 'secret password' });

    expect(await screen.findByRole('alert')).toHaveTextContent("The server can't be reached.");
  });

  it('keeps the button named "Sign in" while the request runs, and ignores double submits', async () => {
    let answer: (response: Response) => void = () => undefined;
    const network = installFetch(() => new Promise<Response>((resolve) => (answer = resolve)));
    const { user } = renderApp('/login');

    await fillAndSubmit(user, { email: 'anna@example.com', password: 'secret password' });
    const button = screen.getByRole('button', { name: 'Sign in' });
    await waitFor(() => expect(button).toHaveAttribute('aria-busy', 'true'));
    await user.click(button);
    expect(network.requests).toHaveLength(1);

    answer(jsonResponse(200, tokensDto()));
    expect(await screen.findByTestId('app-shell')).toBeInTheDocument();
  });
});
