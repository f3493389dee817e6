import { screen, waitFor, within } from '@testing-library/react';
import { deferred, installApi, type Routes } from '../../../../test/fake-api';
import { apiError, jsonResponse } from '../../../../test/fetch-mock';
import { signIn, tokensDto, userDto } from '../../../../test/fixtures';
import { renderApp } from '../../../../test/render-app';
import { sessionStore } from '../../auth/states/session.store';

const CHANGED = tokensDto({
  accessToken: 'access-changed',
  refreshToken: 'refresh-changed-0123456789',
  user: userDto({ name: 'Anna Agent' }),
});

function accountRoutes(overrides: Routes = {}): Routes {
  return {
    'GET /api/me': () => userDto(),
    'POST /api/auth/password': () => CHANGED,
    'POST /api/auth/logout-all': () => jsonResponse(204, null),
    ...overrides,
  };
}

async function renderAccount(routes: Routes = accountRoutes()) {
  signIn();
  const network = installApi(routes);
  const app = renderApp('/account');
  await screen.findByTestId('page-account');
  return { ...app, network };
}

/** The error text linked to a field through aria-describedby. */
function errorOf(label: string): string {
  const input = screen.getByLabelText(label);
  const id = input.getAttribute('aria-describedby');
  const text = id ? document.getElementById(id) : null;
  return text?.classList.contains('tp-field__error') ? (text.textContent ?? '') : '';
}

async function fillPassword(
  user: ReturnType<typeof renderApp>['user'],
  values: { current: string; next: string; repeat: string },
) {
  if (values.current) await user.type(screen.getByLabelText('Current password'), values.current);
  if (values.next) await user.type(screen.getByLabelText('New password'), values.next);
  if (values.repeat) await user.type(screen.getByLabelText('Repeat new password'), values.repeat);
  await user.click(screen.getByRole('button', { name: 'Change password' }));
}

describe('Account page', () => {
  it('is reached from the user menu', async () => {
    signIn();
    installApi(accountRoutes());
    const { user, router } = renderApp('/inbox');
    const menu = await screen.findByRole('group', { name: 'Your account' });

    await user.click(within(menu).getByRole('link', { name: 'Account' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Account' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/account');
    expect(screen.getByRole('heading', { level: 2, name: 'Password' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Sessions' })).toBeInTheDocument();
  });

  it('checks the fields with the shared rules before asking the server', async () => {
    const { user, network } = await renderAccount();

    await fillPassword(user, { current: '', next: 'short', repeat: 'short' });

    expect(errorOf('Current password')).toBe('Enter your current password.');
    expect(errorOf('New password')).toBe('Use at least 10 characters.');
    expect(screen.getByLabelText('Current password')).toHaveFocus();

    await user.type(screen.getByLabelText('Current password'), 'correct horse battery');
    await user.type(screen.getByLabelText('New password'), ' and a bit more');
    await user.click(screen.getByRole('button', { name: 'Change password' }));

    expect(errorOf('Current password')).toBe('');
    expect(errorOf('New password')).toBe('');
    expect(errorOf('Repeat new password')).toBe("The passwords don't match.");
    expect(screen.getByLabelText('Repeat new password')).toHaveFocus();
    expect(network.to('/api/auth/password')).toHaveLength(0);
  });

  it('shows a wrong current password at that field and keeps the session', async () => {
    const { user, network } = await renderAccount(
      accountRoutes({
        'POST /api/auth/password': () =>
          apiError(400, 'users.wrong_password', 'currentPassword is not your password'),
      }),
    );

    await fillPassword(user, {
      current: 'not my password',
      next: 'a brand new passphrase',
      repeat: 'a brand new passphrase',
    });

    await waitFor(() =>
      expect(errorOf('Current password')).toBe('This is not your current password.'),
    );
    expect(screen.getByLabelText('Current password')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByTestId('password-changed')).not.toBeInTheDocument();
    expect(screen.queryByTestId('password-error')).not.toBeInTheDocument();
    expect(network.to('/api/auth/password')[0]?.body).toEqual({
      currentPassword: 'not my password',
      newPassword: 'a brand new passphrase',
    });
    expect(sessionStore.get()?.accessToken).toBe('access-token-1');
  });

  it('shows the fields the server refused by their schema at the fields', async () => {
    const { user } = await renderAccount(
      accountRoutes({
        'POST /api/auth/password': () =>
          apiError(400, 'validation.failed', 'Invalid request', {
            details: [{ path: 'newPassword', message: 'must be at most 200 characters' }],
          }),
      }),
    );

    await fillPassword(user, {
      current: 'correct horse battery',
      next: 'a brand new passphrase',
      repeat: 'a brand new passphrase',
    });

    await waitFor(() => expect(errorOf('New password')).toBe('Use at most 200 characters.'));
    expect(errorOf('Current password')).toBe('');
  });

  it('says how long to wait after too many wrong current passwords', async () => {
    const { user } = await renderAccount(
      accountRoutes({
        'POST /api/auth/password': () =>
          apiError(429, 'rate_limited', 'Too many failed sign-ins: try again in 2 minutes', {
            headers: { 'Retry-After': '90' },
          }),
      }),
    );

    await fillPassword(user, {
      current: 'guess guess',
      next: 'a brand new passphrase',
      repeat: 'a brand new passphrase',
    });

    expect(await screen.findByTestId('password-error')).toHaveTextContent(
      'Too many attempts, try again in 2 minutes.',
    );
  });

  it('changes the password, stays signed in with the new tokens and says so', async () => {
    const answer = deferred();
    const { user, network } = await renderAccount(
      accountRoutes({ 'POST /api/auth/password': () => answer.promise }),
    );

    await fillPassword(user, {
      current: 'correct horse battery',
      next: 'a brand new passphrase',
      repeat: 'a brand new passphrase',
    });
    expect(screen.getByRole('button', { name: 'Change password' })).toHaveAttribute(
      'aria-busy',
      'true',
    );
    answer.resolve(jsonResponse(200, CHANGED));

    expect(await screen.findByTestId('password-changed')).toHaveTextContent(
      'Your password was changed. Other devices were signed out.',
    );
    expect(network.to('/api/auth/password')[0]?.body).toEqual({
      currentPassword: 'correct horse battery',
      newPassword: 'a brand new passphrase',
    });
    expect(sessionStore.get()).toMatchObject({
      accessToken: 'access-changed',
      refreshToken: 'refresh-changed-0123456789',
    });
    expect(screen.getByLabelText('Current password')).toHaveValue('');
    expect(screen.getByLabelText('New password')).toHaveValue('');
    expect(screen.getByTestId('page-account')).toBeInTheDocument();
  });

  it('signs out everywhere after asking, and the sign-in page says why', async () => {
    const { user, network, router } = await renderAccount();

    await user.click(screen.getByRole('button', { name: 'Sign out everywhere' }));
    const dialog = screen.getByRole('dialog', { name: 'Sign out everywhere?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(network.to('/api/auth/logout-all')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Sign out everywhere' }));
    await user.click(
      within(screen.getByRole('dialog')).getByRole('button', { name: 'Sign out everywhere' }),
    );

    expect(await screen.findByTestId('session-notice')).toHaveTextContent(
      'You were signed out on all devices. Please sign in again.',
    );
    expect(router.state.location.pathname).toBe('/login');
    expect(sessionStore.get()).toBeNull();
    expect(network.to('/api/auth/logout-all')).toHaveLength(1);
    expect(network.to('/api/auth/logout-all')[0]?.headers['authorization']).toBe(
      'Bearer access-token-1',
    );
  });

  it('stays signed in and says why when signing out everywhere fails', async () => {
    const { user } = await renderAccount(
      accountRoutes({
        'POST /api/auth/logout-all': () => Promise.reject(new TypeError('offline')),
      }),
    );

    await user.click(screen.getByRole('button', { name: 'Sign out everywhere' }));
    await user.click(
      within(screen.getByRole('dialog')).getByRole('button', { name: 'Sign out everywhere' }),
    );

    expect(await screen.findByTestId('sign-out-everywhere-error')).toHaveTextContent(
      /can't be reached|cannot be reached/,
    );
    expect(sessionStore.get()?.accessToken).toBe('access-token-1');
  });

  it('speaks German', async () => {
    window.localStorage.setItem('touchpoint.locale', 'de');
    await renderAccount();
    expect(screen.getByRole('heading', { level: 1, name: 'Konto' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Konto' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Überall abmelden' })).toBeInTheDocument();
    expect(screen.getByLabelText('Aktuelles Passwort')).toBeInTheDocument();
  });
  describe('weekly summary by email', () => {
    it('is offered to a touchpoint manager, off until switched on, and switched with a PUT', async () => {
      const manager = userDto({ role: 'manager', email: 'mara@example.com' });
      const { user, network } = await renderAccount(
        accountRoutes({
          'GET /api/me': () => manager,
          'PUT /api/me/weekly-summary': ({ body }) => ({
            ...manager,
            weeklySummary: (body as { enabled: boolean }).enabled,
          }),
        }),
      );

      const section = await screen.findByRole('region', { name: 'Weekly summary by email' });
      expect(section).toHaveTextContent('Every Monday at 07:00');
      const toggle = within(section).getByRole('switch', { name: /Send me the weekly summary/ });
      expect(toggle).not.toBeChecked();
      expect(section).toHaveTextContent('To mara@example.com');

      await user.click(toggle);

      await waitFor(() => expect(toggle).toBeChecked());
      expect(network.to('/api/me/weekly-summary').map((r) => [r.method, r.body])).toEqual([
        ['PUT', { enabled: true }],
      ]);

      await user.click(toggle);
      await waitFor(() => expect(toggle).not.toBeChecked());
      expect(network.to('/api/me/weekly-summary').map((r) => r.body)).toEqual([
        { enabled: true },
        { enabled: false },
      ]);
    });

    it('says why when the switch could not be saved, and keeps it as it was', async () => {
      const { user } = await renderAccount(
        accountRoutes({
          'GET /api/me': () => userDto({ role: 'supervisor' }),
          'PUT /api/me/weekly-summary': () =>
            apiError(403, 'forbidden', 'This needs the role supervisor or manager or admin'),
        }),
      );
      const toggle = await screen.findByRole('switch', { name: /Send me the weekly summary/ });

      await user.click(toggle);

      expect(await screen.findByTestId('weekly-summary-error')).toHaveTextContent(
        'This needs the role supervisor or manager or admin',
      );
      expect(toggle).not.toBeChecked();
    });

    it('is not shown to agents', async () => {
      await renderAccount();
      await screen.findByRole('heading', { level: 2, name: 'Sessions' });
      expect(screen.queryByTestId('weekly-summary-settings')).not.toBeInTheDocument();
      expect(screen.queryByRole('switch')).not.toBeInTheDocument();
    });

    it('speaks German', async () => {
      window.localStorage.setItem('touchpoint.locale', 'de');
      await renderAccount(accountRoutes({ 'GET /api/me': () => userDto({ role: 'admin' }) }));
      expect(
        await screen.findByRole('switch', { name: /Wöchentliche Zusammenfassung an mich senden/ }),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('heading', { level: 2, name: 'Wöchentliche Zusammenfassung per E-Mail' }),
      ).toBeInTheDocument();
    });
  });
});
