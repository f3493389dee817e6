import { screen, waitFor, within } from '@testing-library/react';
import type { UserLinkInfoDto } from '@touchpoint/shared';
import { LOCALE_STORAGE_KEY } from '../../../lib/i18n';
import { installApi, type Routes } from '../../../../test/fake-api';
import { apiError, jsonResponse } from '../../../../test/fetch-mock';
import { signIn, tokensDto, userDto } from '../../../../test/fixtures';
import { renderApp } from '../../../../test/render-app';
import { SESSION_STORAGE_KEY } from '../states/session.store';

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE';
const LINK_PATH = `/api/invitations/${TOKEN}`;
const NORA = userDto({
  id: '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d',
  name: 'Nora New',
  email: 'nora@example.com',
  status: 'active',
});
const INVITATION: UserLinkInfoDto = {
  name: 'Nora New',
  email: 'nora@example.com',
  purpose: 'invite',
  expiresAt: '2025-03-08T09:30:00.000Z',
};

/** The link's page, and the inbox it leads to (quiet: nothing to load). */
function linkRoutes(overrides: Routes = {}): Routes {
  return {
    [`GET ${LINK_PATH}`]: () => INVITATION,
    [`POST ${LINK_PATH}`]: () => tokensDto({ accessToken: 'access-token-nora', user: NORA }),
    'GET /api/me': () => NORA,
    'GET /api/conversations/counts': () => ({
      mine: 0,
      unassigned: 0,
      team: 0,
      participating: 0,
      all: 0,
      teams: {},
    }),
    'GET /api/conversations': () => ({ items: [], nextCursor: null }),
    ...overrides,
  };
}

async function choose(
  user: ReturnType<typeof renderApp>['user'],
  password: string,
  repeat = password,
) {
  await user.type(screen.getByLabelText('Password'), password);
  await user.type(screen.getByLabelText('Repeat password'), repeat);
}

describe('InvitePage', () => {
  it('shows whose invitation it is, takes the password twice and lands in the inbox signed in', async () => {
    const network = installApi(linkRoutes());
    const { user, router } = renderApp(`/invite/${TOKEN}`);

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Welcome, Nora New' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('invite-intro')).toHaveTextContent(
      'You have been invited to Touchpoint as nora@example.com.',
    );
    const until = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(
      Date.parse(INVITATION.expiresAt),
    );
    expect(screen.getByTestId('invite-expiry')).toHaveTextContent(
      `This link works until ${until}.`,
    );
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(
      'At least 10 characters.',
    );

    // Checked here first: too short, then not the same twice. Nothing is sent.
    await choose(user, 'short');
    await user.click(screen.getByRole('button', { name: 'Save password and start' }));
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(
      'Use at least 10 characters.',
    );
    expect(screen.getByLabelText('Password')).toHaveFocus();
    await user.clear(screen.getByLabelText('Password'));
    await user.clear(screen.getByLabelText('Repeat password'));
    await choose(user, 'a long new password', 'a long new passwort');
    await user.click(screen.getByRole('button', { name: 'Save password and start' }));
    expect(screen.getByLabelText('Repeat password')).toHaveAccessibleDescription(
      "The passwords don't match.",
    );
    expect(network.to(LINK_PATH).filter((r) => r.method === 'POST')).toHaveLength(0);

    await user.clear(screen.getByLabelText('Repeat password'));
    await user.type(screen.getByLabelText('Repeat password'), 'a long new password');
    await user.click(screen.getByRole('button', { name: 'Save password and start' }));

    const shell = await screen.findByTestId('app-shell');
    expect(within(shell).getByTestId('current-user')).toHaveTextContent('Nora New');
    expect(router.state.location.pathname).toBe('/inbox');
    const post = network.to(LINK_PATH).find((r) => r.method === 'POST');
    expect(post?.body).toEqual({ password: 'a long new password' });
    // The link's requests carry no session; everything after, the new one.
    for (const request of network.to(LINK_PATH))
      expect(request.headers['authorization']).toBeUndefined();
    await waitFor(() =>
      expect(network.to('/api/conversations/counts')[0]?.headers['authorization']).toBe(
        'Bearer access-token-nora',
      ),
    );
    expect(JSON.parse(window.localStorage.getItem(SESSION_STORAGE_KEY) ?? 'null')).toMatchObject({
      accessToken: 'access-token-nora',
    });
  });

  it.each([
    ['expired', 410, 'This link has expired', 'Ask your admin for a new link.'],
    ['used', 410, 'This link has been used already', 'Sign in with that password'],
    ['unknown', 404, 'This link is not valid', 'Check that you copied the whole link.'],
  ] as const)('says clearly when the link is %s', async (problem, status, title, hint) => {
    installApi(
      linkRoutes({
        [`GET ${LINK_PATH}`]: () => apiError(status, `invitations.${problem}`, 'Link refused'),
      }),
    );
    renderApp(`/invite/${TOKEN}`);

    const box = await screen.findByTestId(`invite-${problem}`);
    expect(within(box).getByRole('heading', { level: 1, name: title })).toBeInTheDocument();
    expect(box).toHaveTextContent(hint);
    expect(within(box).getByRole('link', { name: 'Go to sign-in' })).toHaveAttribute(
      'href',
      '/login',
    );
    expect(screen.queryByLabelText('Password')).not.toBeInTheDocument();
  });

  it('says so when the link was used in another tab meanwhile', async () => {
    installApi(
      linkRoutes({
        [`POST ${LINK_PATH}`]: () =>
          apiError(410, 'invitations.used', 'This link has been used already'),
      }),
    );
    const { user, router } = renderApp(`/invite/${TOKEN}`);

    await screen.findByRole('heading', { name: 'Welcome, Nora New' });
    await choose(user, 'a long new password');
    await user.click(screen.getByRole('button', { name: 'Save password and start' }));

    expect(await screen.findByTestId('invite-used')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/invite/${TOKEN}`);
    expect(window.localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it("shows the server's verdict on the password at the field", async () => {
    installApi(
      linkRoutes({
        [`POST ${LINK_PATH}`]: () =>
          jsonResponse(400, {
            statusCode: 400,
            error: 'Bad Request',
            code: 'validation.failed',
            message: 'password must be at most 200 characters',
            details: [{ path: 'password', message: 'must be at most 200 characters' }],
          }),
      }),
    );
    const { user } = renderApp(`/invite/${TOKEN}`);

    await screen.findByRole('heading', { name: 'Welcome, Nora New' });
    await choose(user, 'a long new password');
    await user.click(screen.getByRole('button', { name: 'Save password and start' }));

    await waitFor(() =>
      expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(
        'Use at most 200 characters.',
      ),
    );
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByTestId('invite-error')).not.toBeInTheDocument();
  });

  it('asks for a new password after a reset, in German, replacing whoever was signed in', async () => {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, 'de');
    signIn({ accessToken: 'someone-elses-token' });
    const network = installApi(
      linkRoutes({
        [`GET ${LINK_PATH}`]: () => ({ ...INVITATION, purpose: 'password_reset' }),
      }),
    );
    const { user, router } = renderApp(`/invite/${TOKEN}`);

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Neues Passwort wählen' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('invite-intro')).toHaveTextContent('Für nora@example.com.');
    await user.type(screen.getByLabelText('Passwort'), 'ein neues Passwort');
    await user.type(screen.getByLabelText('Passwort wiederholen'), 'ein neues Passwort');
    await user.click(screen.getByRole('button', { name: 'Passwort speichern und anmelden' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/inbox'));
    expect(network.to(LINK_PATH)[0]?.headers['authorization']).toBeUndefined();
    expect(JSON.parse(window.localStorage.getItem(SESSION_STORAGE_KEY) ?? 'null')).toMatchObject({
      accessToken: 'access-token-nora',
    });
  });
});
