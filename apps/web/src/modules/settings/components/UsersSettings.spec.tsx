import { screen, waitFor, within } from '@testing-library/react';
import type {
  InviteUserRequest,
  TeamDto,
  UpdateUserRequest,
  UserDto,
  UserLinkDto,
} from '@touchpoint/shared';
import { LOCALE_STORAGE_KEY } from '../../../lib/i18n';
import { deferred, installApi, type Routes } from '../../../../test/fake-api';
import { apiError, jsonResponse } from '../../../../test/fetch-mock';
import { signIn, userDto, userWithRole } from '../../../../test/fixtures';
import { renderApp } from '../../../../test/render-app';

const ME = { ...userWithRole('admin'), id: 'a1d2a3d4-b5c6-4d7e-8f90-a1b2c3d4e5f6' };
const SERVICE = { id: '0c7e5f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6', name: 'Service' };
const SALES = { id: '2b1c0a9e-8d7f-4e6d-9c5b-4a3f2e1d0c9b', name: 'Sales' };
const LINK_URL = 'https://inbox.example.com/invite/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE';
const EXPIRES = '2025-03-08T09:30:00.000Z';

function teamDto(ref: { id: string; name: string }): TeamDto {
  return {
    ...ref,
    description: '',
    consultAcceptSeconds: 600,
    consultAnswerSeconds: 7200,
    participantGraceSeconds: 3600,
    specialistsMayReply: false,
    fallbackTeamId: null,
    autoAssign: false,
    maxOpenPerAgent: 10,
    receivesLeads: false,
    holdsMarketing: 'open_and_pending',
    members: [],
    createdAt: '2025-01-01T00:00:00.000Z',
  };
}

const ANNA = userDto({
  id: '7f0b1d9a-2c3e-4f5a-8b6c-1d2e3f4a5b6c',
  name: 'Anna Agent',
  email: 'anna@example.com',
  teams: [SERVICE],
  status: 'active',
  lastLoginAt: '2025-03-01T08:15:00.000Z',
});
const IDA = userDto({
  id: '3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a',
  name: 'Ida Invited',
  email: 'ida@example.com',
  role: 'supervisor',
  teams: [SERVICE, SALES],
  status: 'invited',
  lastLoginAt: null,
});
const OLAF = userDto({
  id: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
  name: 'Olaf Off',
  email: 'olaf@example.com',
  teams: [],
  active: false,
  status: 'deactivated',
  lastLoginAt: '2024-11-20T16:00:00.000Z',
});
const ADA = { ...ME, status: 'active' as const, lastLoginAt: '2025-03-01T07:00:00.000Z' };

function linkFor(user: UserDto, purpose: UserLinkDto['purpose'] = 'invite'): UserLinkDto {
  return { user, purpose, url: LINK_URL, expiresAt: EXPIRES };
}

/** The users API of an admin: PATCH merges the body into the user, as the server does. */
function userRoutes(overrides: Routes = {}): Routes {
  let users = [ADA, ANNA, IDA, OLAF];
  return {
    'GET /api/me': () => ME,
    'GET /api/teams': () => [teamDto(SALES), teamDto(SERVICE)],
    'GET /api/users': () => users,
    'PATCH /api/users/:id': (request) => {
      const body = request.body as UpdateUserRequest;
      const current = users.find((user) => user.id === request.params['id']);
      if (!current) return apiError(404, 'user.not_found', 'User not found');
      const next: UserDto = {
        ...current,
        ...(body.role && { role: body.role }),
        ...(body.teamIds && {
          teams: [SALES, SERVICE].filter((team) => body.teamIds?.includes(team.id)),
        }),
        ...(body.active !== undefined && {
          active: body.active,
          status: body.active ? 'active' : 'deactivated',
        }),
        ...(body.capacity !== undefined && { capacity: body.capacity }),
      };
      users = users.map((user) => (user.id === next.id ? next : user));
      return next;
    },
    ...overrides,
  };
}

async function renderUsers(routes: Routes = userRoutes()) {
  signIn();
  const network = installApi(routes);
  const app = renderApp('/settings/users');
  await screen.findByTestId('user-list');
  return { ...app, network };
}

const row = (name: string) => {
  const found = screen
    .getAllByTestId('user-row')
    .find((candidate) => within(candidate).queryByText(name) !== null);
  if (!found) throw new Error(`no row for ${name}`);
  return found;
};

/** The error text linked to a control through aria-describedby. */
function errorOf(control: HTMLElement): string {
  const ids = (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return ids
    .map((id) => document.getElementById(id))
    .filter((element) => element?.classList.contains('tp-field__error'))
    .map((element) => element?.textContent ?? '')
    .join(' ');
}

describe('Settings → Users', () => {
  it('lists everyone with role, teams, status and last sign-in, and the actions that fit', async () => {
    const { user, router } = await renderSettingsTab();

    expect(router.state.location.pathname).toBe('/settings/users');
    expect(screen.getByRole('heading', { level: 2, name: 'Users' })).toBeInTheDocument();
    const rows = screen.getAllByTestId('user-row');
    expect(rows.map((r) => r.getAttribute('data-user-id'))).toEqual([
      ADA.id,
      ANNA.id,
      IDA.id,
      OLAF.id,
    ]);

    const anna = row('Anna Agent');
    expect(anna).toHaveTextContent('anna@example.com');
    expect(anna).toHaveTextContent('Agent');
    expect(anna).toHaveTextContent('Service');
    expect(within(anna).getByTestId('user-status')).toHaveTextContent('Active');
    expect(within(anna).getByRole('time')).toHaveAttribute('dateTime', ANNA.lastLoginAt);
    expect(
      within(anna)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Edit', 'Reset password', 'Deactivate']);

    const ida = row('Ida Invited');
    expect(ida).toHaveTextContent('Supervisor');
    expect(ida).toHaveTextContent('Service, Sales');
    expect(within(ida).getByTestId('user-status')).toHaveTextContent('Invited');
    expect(ida).toHaveTextContent('Never');
    expect(
      within(ida).getByRole('button', { name: 'Send invitation again to Ida Invited' }),
    ).toBeInTheDocument();
    expect(within(ida).queryByRole('button', { name: /Reset/ })).not.toBeInTheDocument();

    const olaf = row('Olaf Off');
    expect(within(olaf).getByTestId('user-status')).toHaveTextContent('Deactivated');
    expect(olaf).toHaveTextContent('No team');
    expect(
      within(olaf)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Edit', 'Reactivate']);

    // Oneself: nothing the server refuses for oneself.
    const ada = row('Ada Admin');
    expect(ada).toHaveTextContent('(you)');
    expect(
      within(ada)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Edit']);

    // The tab sits with the others.
    await user.click(screen.getByRole('link', { name: 'Teams' }));
    expect(router.state.location.pathname).toBe('/settings');
  });

  it('invites: the server refusal shows at its field, then the link with Copy and expiry', async () => {
    const invitee = userDto({
      id: '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d',
      name: 'Nora New',
      email: 'nora@example.com',
      role: 'agent',
      locale: 'en',
      teams: [SALES],
      status: 'invited',
      lastLoginAt: null,
    });
    let attempts = 0;
    const { user, network } = await renderUsers(
      userRoutes({
        'POST /api/users/invitations': (request) => {
          attempts += 1;
          const body = request.body as InviteUserRequest;
          if (body.email === 'anna@example.com')
            return apiError(409, 'users.email_taken', 'A user with the email exists already');
          return jsonResponse(201, linkFor(invitee));
        },
      }),
    );

    await user.click(screen.getByRole('button', { name: 'Invite colleague' }));
    const dialog = await screen.findByRole('dialog', { name: 'Invite a colleague' });
    const name = within(dialog).getByLabelText('Name');
    expect(name).toHaveFocus();

    // Checked with the shared schema first: nothing is sent.
    await user.click(within(dialog).getByRole('button', { name: 'Create invitation link' }));
    expect(errorOf(name)).toBe('is required');
    expect(errorOf(within(dialog).getByLabelText('Email'))).toBe('must be an email address');
    expect(attempts).toBe(0);

    await user.type(name, 'Nora New');
    await user.type(within(dialog).getByLabelText('Email'), 'anna@example.com');
    await user.selectOptions(within(dialog).getByLabelText('Language'), 'English');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Sales' }));
    await user.click(within(dialog).getByRole('button', { name: 'Create invitation link' }));

    const email = within(dialog).getByLabelText('Email');
    await waitFor(() =>
      expect(errorOf(email)).toBe('Someone with this email has an account already.'),
    );
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveFocus();
    expect(network.to('/api/users/invitations')[0]?.body).toEqual({
      name: 'Nora New',
      email: 'anna@example.com',
      role: 'agent',
      locale: 'en',
      teamIds: [SALES.id],
    });

    // Editing the field clears the complaint; the next try gives the link.
    await user.clear(email);
    expect(errorOf(email)).toBe('');
    await user.type(email, 'nora@example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Create invitation link' }));

    const link = await within(dialog).findByTestId('user-link');
    expect(within(dialog).getByRole('heading', { name: 'Invitation for Nora New' })).toBeVisible();
    expect(within(link).getByLabelText('One-time link')).toHaveValue(LINK_URL);
    expect(within(link).getByRole('button', { name: 'Copy One-time link' })).toBeInTheDocument();
    const expiry = new Intl.DateTimeFormat('en', {
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(Date.parse(EXPIRES));
    expect(within(link).getByTestId('user-link-expiry')).toHaveTextContent(
      `Valid until ${expiry}.`,
    );
    expect(link).toHaveTextContent('Send this link to Nora New (nora@example.com)');

    // Copying puts the link on the clipboard.
    const writeText = jest.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await user.click(within(link).getByRole('button', { name: 'Copy One-time link' }));
    expect(writeText).toHaveBeenCalledWith(LINK_URL);
    expect(link).toHaveTextContent('Copied.');

    await user.click(within(link).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(within(row('Nora New')).getByTestId('user-status')).toHaveTextContent('Invited');
  });

  it('changes role and teams, sending only what changed', async () => {
    const { user, network } = await renderUsers();

    await user.click(
      within(row('Anna Agent')).getByRole('button', {
        name: 'Edit role, teams and capacity of Anna Agent',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Role, teams and capacity of Anna Agent',
    });
    const save = within(dialog).getByRole('button', { name: 'Save changes' });
    expect(save).toBeDisabled();
    await user.selectOptions(within(dialog).getByLabelText('Role'), 'Supervisor');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Sales' }));
    await user.click(save);

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const patches = network.to(`/api/users/${ANNA.id}`).filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => r.body)).toEqual([
      { role: 'supervisor', teamIds: [SERVICE.id, SALES.id] },
    ]);
    expect(row('Anna Agent')).toHaveTextContent('Supervisor');
  });

  it('gives someone a capacity of their own, checked before it is sent, and back to the team setting', async () => {
    const { user, network } = await renderUsers();
    const open = async () => {
      await user.click(
        within(row('Anna Agent')).getByRole('button', {
          name: 'Edit role, teams and capacity of Anna Agent',
        }),
      );
      return screen.findByRole('dialog', { name: 'Role, teams and capacity of Anna Agent' });
    };
    let dialog = await open();
    const capacity = within(dialog).getByLabelText('Capacity of their own');
    expect(capacity).toHaveValue(null);
    await user.type(capacity, '0');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    expect(within(dialog).getByTestId('user-capacity-error')).toHaveTextContent(
      'Enter a whole number from 1 to 500',
    );
    expect(network.to(`/api/users/${ANNA.id}`).filter((r) => r.method === 'PATCH')).toEqual([]);
    await user.clear(capacity);
    await user.type(capacity, '3');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    dialog = await open();
    expect(within(dialog).getByLabelText('Capacity of their own')).toHaveValue(3);
    await user.clear(within(dialog).getByLabelText('Capacity of their own'));
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const patches = network.to(`/api/users/${ANNA.id}`).filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => r.body)).toEqual([{ capacity: 3 }, { capacity: null }]);
  });

  it('deactivates after confirmation, and shows the rule the server keeps', async () => {
    const { user, network } = await renderUsers(
      userRoutes({
        'PATCH /api/users/:id': (request) =>
          request.params['id'] === OLAF.id
            ? apiError(409, 'users.last_admin', 'The workspace needs at least one active admin')
            : jsonResponse(200, { ...ANNA, active: false, status: 'deactivated' }),
      }),
    );

    await user.click(
      within(row('Anna Agent')).getByRole('button', { name: 'Deactivate Anna Agent' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Deactivate Anna Agent?' });
    expect(dialog).toHaveAccessibleDescription(/signed out everywhere at once/);
    // Nothing happens before the confirmation.
    expect(network.to(`/api/users/${ANNA.id}`)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Deactivate' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(network.to(`/api/users/${ANNA.id}`)[0]?.body).toEqual({ active: false });
    expect(within(row('Anna Agent')).getByTestId('user-status')).toHaveTextContent('Deactivated');

    await user.click(within(row('Olaf Off')).getByRole('button', { name: 'Reactivate Olaf Off' }));
    const again = await screen.findByRole('dialog', { name: 'Reactivate Olaf Off?' });
    await user.click(within(again).getByRole('button', { name: 'Reactivate' }));
    expect(await within(again).findByTestId('user-active-error')).toHaveTextContent(
      'The workspace needs at least one active admin',
    );
  });

  it('resets a password after confirmation and shows the link', async () => {
    const slow = deferred();
    const { user, network } = await renderUsers(
      userRoutes({
        'POST /api/users/:id/password-reset': async () => {
          await slow.promise;
          return jsonResponse(201, linkFor(ANNA, 'password_reset'));
        },
      }),
    );

    await user.click(
      within(row('Anna Agent')).getByRole('button', { name: 'Reset password of Anna Agent' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Reset the password of Anna Agent?',
    });
    const confirm = within(dialog).getByRole('button', { name: 'Reset password' });
    await user.click(confirm);
    expect(confirm).toHaveAttribute('aria-busy', 'true');
    slow.resolve(new Response());

    const link = await within(dialog).findByTestId('user-link');
    expect(
      within(dialog).getByRole('heading', { name: 'New password for Anna Agent' }),
    ).toBeVisible();
    expect(within(link).getByLabelText('One-time link')).toHaveValue(LINK_URL);
    expect(link).toHaveTextContent('old password no longer works');
    expect(network.to(`/api/users/${ANNA.id}/password-reset`)).toHaveLength(1);
  });

  it('sends an invitee a new link', async () => {
    const { user, network } = await renderUsers(
      userRoutes({
        'POST /api/users/:id/invitation': () => jsonResponse(201, linkFor(IDA)),
      }),
    );

    await user.click(
      within(row('Ida Invited')).getByRole('button', {
        name: 'Send invitation again to Ida Invited',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Send Ida Invited a new invitation?',
    });
    expect(dialog).toHaveAccessibleDescription(
      /Earlier invitation links for Ida Invited stop working/,
    );
    await user.click(within(dialog).getByRole('button', { name: 'Create new link' }));

    expect(await within(dialog).findByLabelText('One-time link')).toHaveValue(LINK_URL);
    expect(network.to(`/api/users/${IDA.id}/invitation`)).toHaveLength(1);
  });

  it('speaks German', async () => {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, 'de');
    const { user } = await renderUsers();

    expect(screen.getByRole('link', { name: 'Benutzer' })).toHaveAttribute('aria-current', 'page');
    expect(within(row('Ida Invited')).getByTestId('user-status')).toHaveTextContent('Eingeladen');
    expect(row('Ida Invited')).toHaveTextContent('Noch nie');
    await user.click(screen.getByRole('button', { name: 'Person einladen' }));
    const dialog = await screen.findByRole('dialog', { name: 'Kollegin oder Kollegen einladen' });
    await user.click(within(dialog).getByRole('button', { name: 'Einladungslink erstellen' }));
    expect(errorOf(within(dialog).getByLabelText('E-Mail'))).toBe('muss eine E-Mail-Adresse sein');
    // The language of the new colleague starts as the admin's.
    expect(within(dialog).getByLabelText('Sprache')).toHaveValue('de');
  });
});

/** Opens the settings at Teams and switches to the Users tab, as an admin does. */
async function renderSettingsTab() {
  signIn();
  installApi(userRoutes());
  const app = renderApp('/settings');
  await screen.findByTestId('page-settings');
  await app.user.click(await screen.findByRole('link', { name: 'Users' }));
  await screen.findByTestId('user-list');
  return app;
}
