import { screen, waitFor, within } from '@testing-library/react';
import {
  teamPolicySchema,
  type Role,
  type TeamDto,
  type UpdateTeamRequest,
} from '@touchpoint/shared';
import { LOCALE_STORAGE_KEY } from '../../../lib/i18n';
import { deferred, installApi, type Routes } from '../../../../test/fake-api';
import { apiError, jsonResponse } from '../../../../test/fetch-mock';
import { signIn, userWithRole } from '../../../../test/fixtures';
import { renderApp } from '../../../../test/render-app';

const SERVICE_ID = '0c7e5f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6';
const SALES_ID = '2b1c0a9e-8d7f-4e6d-9c5b-4a3f2e1d0c9b';

function teamDto(overrides: Partial<TeamDto> = {}): TeamDto {
  return {
    id: SERVICE_ID,
    name: 'Service',
    description: 'Orders, deliveries and returns',
    consultAcceptSeconds: 600,
    consultAnswerSeconds: 7200,
    participantGraceSeconds: 3600,
    specialistsMayReply: false,
    fallbackTeamId: null,
    autoAssign: false,
    maxOpenPerAgent: 10,
    receivesLeads: false,
    holdsMarketing: 'open_and_pending',
    members: [
      {
        id: '7f0b1d9a-2c3e-4f5a-8b6c-1d2e3f4a5b6c',
        name: 'Anna Agent',
        email: 'anna@example.com',
        role: 'agent',
      },
      {
        id: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
        name: 'Sam Supervisor',
        email: 'sam@example.com',
        role: 'supervisor',
      },
    ],
    createdAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const SERVICE = teamDto();
const SALES = teamDto({
  id: SALES_ID,
  name: 'Sales',
  description: '',
  consultAcceptSeconds: 1800,
  consultAnswerSeconds: 5400,
  autoAssign: true,
  maxOpenPerAgent: 8,
  members: [
    {
      id: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
      name: 'Sven Sales',
      email: 'sven@example.com',
      role: 'agent',
    },
  ],
});

/** The teams API of an admin: PATCH merges the body into the team, as the server does. */
function teamRoutes(overrides: Routes = {}): Routes {
  let teams = [SALES, SERVICE].sort((a, b) => a.name.localeCompare(b.name));
  return {
    'GET /api/me': () => userWithRole('admin'),
    'GET /api/teams': () => teams,
    'PATCH /api/teams/:id': (request) => {
      const current = teams.find((team) => team.id === request.params['id']);
      if (!current) return apiError(404, 'not_found', 'Team not found');
      const next = { ...current, ...(request.body as UpdateTeamRequest) } as TeamDto;
      teams = teams.map((team) => (team.id === next.id ? next : team));
      return next;
    },
    ...overrides,
  };
}

async function renderSettings(routes: Routes = teamRoutes(), path = '/settings') {
  signIn();
  const network = installApi(routes);
  const app = renderApp(path);
  await screen.findByTestId('page-settings');
  await screen.findByTestId('team-form');
  return { ...app, network };
}

const field = (testId: string) => screen.getByTestId(testId);
const patches = (network: { to(path: string): { method: string; body: unknown }[] }, id: string) =>
  network.to(`/api/teams/${id}`).filter((request) => request.method === 'PATCH');

/** The message of the shared schema for a value of one policy field. */
function schemaMessage(name: keyof typeof teamPolicySchema.shape, value: unknown): string {
  const parsed = teamPolicySchema.shape[name].safeParse(value);
  if (parsed.success) throw new Error(`${String(value)} is valid for ${name}`);
  return parsed.error.issues[0]?.message ?? '';
}

/** The error text linked to a control through aria-describedby. */
function errorOf(control: HTMLElement): string {
  const ids = (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return ids
    .map((id) => document.getElementById(id))
    .filter((element) => element?.classList.contains('tp-field__error'))
    .map((element) => element?.textContent ?? '')
    .join(' ');
}

describe('Settings page', () => {
  it('lists the teams with member count and policy summary, and shows the first one', async () => {
    await renderSettings();

    const items = within(screen.getByTestId('team-list')).getAllByTestId('team-list-item');
    expect(items.map((item) => item.getAttribute('data-team-id'))).toEqual([SALES_ID, SERVICE_ID]);
    const [sales, service] = items as [HTMLElement, HTMLElement];
    expect(sales).toHaveTextContent('Sales');
    expect(sales).toHaveTextContent('1 member');
    expect(sales).toHaveTextContent(
      'Accept within 30 min · answer within 1 h 30 min · automatic assignment, up to 8 each',
    );
    expect(service).toHaveTextContent('2 members');
    expect(service).toHaveTextContent(
      'Accept within 10 min · answer within 2 h · assigned by hand',
    );
    expect(sales).toHaveAttribute('aria-current', 'true');
    expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Teams' })).toBeInTheDocument();

    // Sales: 5400 seconds show as 90 minutes, capacity is on.
    expect(screen.getByRole('heading', { level: 3, name: 'Sales' })).toBeInTheDocument();
    expect(field('team-consultAnswerSeconds')).toHaveValue(90);
    expect(field('team-consultAnswerSeconds-unit')).toHaveValue('minutes');
    expect(field('team-maxOpenPerAgent')).toBeEnabled();
  });

  it('shows the chosen team: members with roles and the policy in human units', async () => {
    const { user, router } = await renderSettings();

    await user.click(screen.getByRole('link', { name: /^Service/ }));

    expect(router.state.location.search).toBe(`?team=${SERVICE_ID}`);
    expect(await screen.findByRole('heading', { level: 3, name: 'Service' })).toBeInTheDocument();
    const members = within(screen.getByTestId('team-members')).getAllByTestId('team-member');
    expect(members.map((member) => member.textContent)).toEqual([
      expect.stringContaining('Anna Agent'),
      expect.stringContaining('Sam Supervisor'),
    ]);
    expect(members[0]).toHaveTextContent('anna@example.com');
    expect(members[0]).toHaveTextContent('Role: Agent');
    expect(members[1]).toHaveTextContent('Role: Supervisor');

    expect(
      screen.getByRole('spinbutton', { name: 'A consult must be accepted within minutes' }),
    ).toHaveValue(10);
    expect(field('team-consultAnswerSeconds')).toHaveValue(2);
    expect(field('team-consultAnswerSeconds-unit')).toHaveValue('hours');
    expect(
      screen.getByRole('spinbutton', {
        name: 'Specialists keep access after a consult ends for minutes',
      }),
    ).toHaveValue(60);
    expect(screen.getByRole('checkbox', { name: /Specialists may answer/ })).not.toBeChecked();
    expect(
      screen.getByRole('combobox', { name: 'Fallback team for overdue consults' }),
    ).toHaveValue('');
    // The help text is linked to its field.
    expect(field('team-consultAcceptSeconds')).toHaveAccessibleDescription(
      expect.stringContaining('At half time the team is reminded'),
    );
    // A team is never its own fallback.
    const fallbackOptions = within(field('team-fallbackTeamId')).getAllByRole('option');
    expect(fallbackOptions.map((option) => option.textContent)).toEqual(['None', 'Sales']);
  });

  it('saves the changes in seconds, and only what changed', async () => {
    const slow = deferred<void>();
    const routes = teamRoutes();
    const patch = routes['PATCH /api/teams/:id'];
    if (!patch) throw new Error('no PATCH route');
    const { user, network } = await renderSettings(
      {
        ...routes,
        'PATCH /api/teams/:id': async (request) => {
          await slow.promise;
          return patch(request);
        },
      },
      `/settings?team=${SERVICE_ID}`,
    );

    const accept = field('team-consultAcceptSeconds');
    await user.clear(accept);
    await user.type(accept, '15');
    await user.selectOptions(field('team-consultAnswerSeconds-unit'), 'minutes');
    await user.clear(field('team-consultAnswerSeconds'));
    await user.type(field('team-consultAnswerSeconds'), '45');
    await user.click(screen.getByRole('checkbox', { name: /Specialists may answer/ }));
    await user.selectOptions(field('team-fallbackTeamId'), 'Sales');
    await user.click(screen.getByRole('checkbox', { name: /Assign new conversations/ }));
    await user.clear(field('team-maxOpenPerAgent'));
    await user.type(field('team-maxOpenPerAgent'), '5');
    expect(screen.getByTestId('team-form-unsaved')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(patches(network, SERVICE_ID)).toHaveLength(1));
    expect(patches(network, SERVICE_ID)[0]?.body).toEqual({
      consultAcceptSeconds: 900,
      consultAnswerSeconds: 2700,
      specialistsMayReply: true,
      fallbackTeamId: SALES_ID,
      autoAssign: true,
      maxOpenPerAgent: 5,
    });
    expect(screen.getByRole('button', { name: 'Save changes' })).toHaveAttribute(
      'aria-busy',
      'true',
    );

    slow.resolve();
    expect(await screen.findByTestId('team-form-saved')).toHaveTextContent(
      'Saved. Handoffs that are already waiting keep their deadlines.',
    );
    expect(screen.queryByTestId('team-form-unsaved')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save changes' })).toBeDisabled();
    expect(field('team-consultAnswerSeconds')).toHaveValue(45);
    const service = screen
      .getAllByTestId('team-list-item')
      .find((item) => item.getAttribute('data-team-id') === SERVICE_ID);
    expect(service).toHaveTextContent(
      'Accept within 15 min · answer within 45 min · automatic assignment, up to 5 each',
    );
  });

  it('renames a team with the same PATCH', async () => {
    const { user, network } = await renderSettings();

    await user.clear(field('team-name'));
    await user.type(field('team-name'), '  Inside Sales ');
    await user.type(field('team-description'), 'Offers and quotes');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await screen.findByTestId('team-form-saved');
    expect(patches(network, SALES_ID)[0]?.body).toEqual({
      name: 'Inside Sales',
      description: 'Offers and quotes',
    });
    expect(screen.getByRole('heading', { level: 3, name: 'Inside Sales' })).toBeInTheDocument();
  });

  it('checks with the shared schema first: 0 minutes shows its message and sends nothing', async () => {
    const { user, network } = await renderSettings();

    const accept = field('team-consultAcceptSeconds');
    await user.clear(accept);
    await user.type(accept, '0');
    await user.clear(field('team-name'));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(accept).toHaveAttribute('aria-invalid', 'true');
    expect(errorOf(accept)).toContain(schemaMessage('consultAcceptSeconds', 0));
    expect(errorOf(accept)).toBe('must be at least 60 seconds (1 min)');
    expect(errorOf(field('team-name'))).toBe('is required');
    expect(screen.getByTestId('team-form-invalid')).toHaveTextContent(
      'Please correct the marked fields.',
    );
    // The first invalid field gets the focus.
    expect(field('team-name')).toHaveFocus();
    expect(patches(network, SALES_ID)).toHaveLength(0);

    // Corrected, the message goes and the save goes through.
    await user.type(field('team-name'), 'Sales');
    await user.clear(accept);
    await user.type(accept, '1');
    expect(errorOf(accept)).toBe('');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByTestId('team-form-saved');
    expect(patches(network, SALES_ID).map((request) => request.body)).toEqual([
      { consultAcceptSeconds: 60 },
    ]);
  });

  it("shows the server's 400 at the field it names", async () => {
    const { user, network } = await renderSettings(
      teamRoutes({
        'PATCH /api/teams/:id': () =>
          apiError(400, 'validation.failed', 'consultAnswerSeconds must be at most 86400 seconds', {
            details: [{ path: 'consultAnswerSeconds', message: 'must be at most 86400 seconds' }],
          }),
      }),
    );

    await user.clear(field('team-consultAnswerSeconds'));
    await user.type(field('team-consultAnswerSeconds'), '2000');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    const answer = field('team-consultAnswerSeconds');
    await waitFor(() => expect(errorOf(answer)).toBe('must be at most 86400 seconds'));
    expect(answer).toHaveAttribute('aria-invalid', 'true');
    expect(answer).toHaveFocus();
    expect(patches(network, SALES_ID)[0]?.body).toEqual({ consultAnswerSeconds: 120_000 });
    expect(screen.queryByTestId('team-form-saved')).not.toBeInTheDocument();

    // Editing the field clears the server's complaint about it.
    await user.type(answer, '0');
    expect(errorOf(answer)).toBe('');
  });

  it('shows a rule only the server knows (an unknown fallback team) at its field', async () => {
    const { user } = await renderSettings(
      teamRoutes({
        'PATCH /api/teams/:id': () =>
          jsonResponse(400, {
            statusCode: 400,
            error: 'Bad Request',
            code: 'teams.invalid_fallback',
            message: `fallbackTeamId: no team with id ${SERVICE_ID}`,
          }),
      }),
    );

    await user.selectOptions(field('team-fallbackTeamId'), 'Service');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() =>
      expect(errorOf(field('team-fallbackTeamId'))).toBe(`no team with id ${SERVICE_ID}`),
    );
  });

  it('enables capacity only while automatic assignment is on', async () => {
    const { user, network } = await renderSettings(teamRoutes(), `/settings?team=${SERVICE_ID}`);

    const autoAssign = screen.getByRole('checkbox', {
      name: 'Assign new conversations automatically (round-robin to online agents)',
    });
    const capacity = screen.getByRole('spinbutton', { name: 'Capacity per agent' });
    expect(autoAssign).not.toBeChecked();
    expect(capacity).toBeDisabled();
    expect(capacity).toHaveAccessibleDescription('Used only while automatic assignment is on.');

    await user.click(autoAssign);
    expect(capacity).toBeEnabled();
    await user.clear(capacity);
    await user.type(capacity, '3');

    // Off again: the capacity is not used and not sent.
    await user.click(autoAssign);
    expect(capacity).toBeDisabled();
    expect(capacity).toHaveValue(10);
    expect(screen.getByRole('button', { name: 'Save changes' })).toBeDisabled();
    expect(patches(network, SERVICE_ID)).toHaveLength(0);
  });

  it('discards unsaved changes', async () => {
    const { user } = await renderSettings();

    await user.clear(field('team-consultAcceptSeconds'));
    await user.type(field('team-consultAcceptSeconds'), '45');
    await user.click(screen.getByRole('checkbox', { name: /Specialists may answer/ }));
    expect(screen.getByTestId('team-form-unsaved')).toHaveTextContent('You have unsaved changes.');

    await user.click(screen.getByRole('button', { name: 'Discard changes' }));

    expect(field('team-consultAcceptSeconds')).toHaveValue(30);
    expect(screen.getByRole('checkbox', { name: /Specialists may answer/ })).not.toBeChecked();
    expect(screen.queryByTestId('team-form-unsaved')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Discard changes' })).toBeDisabled();
  });

  it.each<[Role, boolean]>([
    ['supervisor', false],
    ['agent', false],
    ['admin', true],
  ])('is there for admins only (%s)', async (role, sees) => {
    signIn();
    const network = installApi(teamRoutes({ 'GET /api/me': () => userWithRole(role) }));
    renderApp('/settings');

    if (sees) {
      expect(await screen.findByTestId('page-settings')).toBeInTheDocument();
      expect(await screen.findByTestId('team-form')).toBeInTheDocument();
      expect(screen.getByRole('link', { name: 'Settings' })).toBeInTheDocument();
    } else {
      expect(await screen.findByTestId('page-no-access')).toBeInTheDocument();
      expect(screen.queryByTestId('page-settings')).not.toBeInTheDocument();
      expect(screen.queryByRole('link', { name: 'Settings' })).not.toBeInTheDocument();
      expect(network.to('/api/teams')).toHaveLength(0);
    }
  });

  it('speaks German', async () => {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, 'de');
    const { user, network } = await renderSettings();

    expect(screen.getByRole('heading', { level: 1, name: 'Einstellungen' })).toBeInTheDocument();
    expect(screen.getAllByTestId('team-list-item')[0]).toHaveTextContent(
      'Annehmen innerhalb von 30 Min. · antworten innerhalb von 1 Std. 30 Min. · automatische Zuweisung, bis zu 8 je Person',
    );
    expect(
      screen.getByRole('checkbox', { name: 'Fachleute dürfen dem Kunden direkt antworten' }),
    ).toBeInTheDocument();

    await user.clear(field('team-consultAcceptSeconds'));
    await user.type(field('team-consultAcceptSeconds'), '0');
    await user.click(screen.getByRole('button', { name: 'Änderungen speichern' }));

    expect(errorOf(field('team-consultAcceptSeconds'))).toBe(
      'muss mindestens 60 Sekunden betragen (1 Min.)',
    );
    expect(screen.getByTestId('team-form-invalid')).toHaveTextContent(
      'Bitte korrigieren Sie die markierten Felder.',
    );
    expect(patches(network, SALES_ID)).toHaveLength(0);
  });
});
