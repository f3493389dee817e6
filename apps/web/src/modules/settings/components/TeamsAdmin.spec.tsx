import { screen, waitFor, within } from '@testing-library/react';
import type { CreateTeamRequest, TeamDto, UserDto } from '@touchpoint/shared';
import { installApi, type Routes } from '../../../../test/fake-api';
import { apiError } from '../../../../test/fetch-mock';
import { signIn, userDto, userWithRole } from '../../../../test/fixtures';
import { renderApp } from '../../../../test/render-app';

const SERVICE_ID = '0c7e5f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6';
const NEW_ID = '3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a';
const ANNA = userDto();
const OLAF = userDto({
  id: '6e5d4c3b-2a19-4f8e-8d7c-6b5a4f3e2d1c',
  name: 'Olaf Neu',
  email: 'olaf@example.com',
  teams: [],
});
const GONE = userDto({
  id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  name: 'Gerd Gone',
  email: 'gerd@example.com',
  active: false,
  status: 'deactivated',
  teams: [],
});

function team(id: string, name: string, members: UserDto[]): TeamDto {
  return {
    id,
    name,
    description: '',
    consultAcceptSeconds: 900,
    consultAnswerSeconds: 7200,
    participantGraceSeconds: 3600,
    specialistsMayReply: false,
    fallbackTeamId: null,
    autoAssign: false,
    maxOpenPerAgent: 10,
    receivesLeads: false,
    holdsMarketing: 'open_and_pending',
    members: members.map((m) => ({ id: m.id, name: m.name, email: m.email, role: m.role })),
    createdAt: '2025-01-01T00:00:00.000Z',
  };
}

/** An admin's teams API over a list the test can watch: create, members and delete as the server. */
function adminRoutes(overrides: Routes = {}) {
  const people = [ANNA, OLAF, GONE];
  const state = { teams: [team(SERVICE_ID, 'Service', [ANNA])] };
  const routes: Routes = {
    'GET /api/me': () => userWithRole('admin'),
    'GET /api/teams': () => state.teams,
    'GET /api/users': () => people,
    'GET /api/teams/:id/business-hours': (r) => ({ teamId: r.params['id'], businessHours: null }),
    'GET /api/teams/:id/sla-policies': (r) => ({ teamId: r.params['id'], policies: [] }),
    'POST /api/teams': (r) => {
      const body = r.body as CreateTeamRequest;
      if (state.teams.some((t) => t.name.toLowerCase() === body.name.toLowerCase()))
        return apiError(409, 'teams.name_taken', `A team named ${body.name} already exists`);
      const created = { ...team(NEW_ID, body.name, []), description: body.description ?? '' };
      state.teams = [...state.teams, created];
      return created;
    },
    'PUT /api/teams/:id/members': (r) => {
      const { userIds } = r.body as { userIds: string[] };
      const current = state.teams.find((t) => t.id === r.params['id'])!;
      const next = team(
        current.id,
        current.name,
        people.filter((p) => userIds.includes(p.id)),
      );
      state.teams = state.teams.map((t) => (t.id === next.id ? next : t));
      return next;
    },
    ...overrides,
  };
  return { routes, state };
}

async function renderTeams(routes: Routes) {
  signIn();
  const network = installApi(routes);
  const app = renderApp('/settings');
  await screen.findByTestId('team-detail');
  return { ...app, network };
}

describe('Teams admin', () => {
  it('creates a team, names a taken name at the field, and opens the new team', async () => {
    const { routes, state } = adminRoutes();
    const { user, network } = await renderTeams(routes);
    await user.click(screen.getByTestId('team-new'));
    const dialog = await screen.findByTestId('new-team-dialog');
    await user.click(within(dialog).getByTestId('new-team-submit'));
    expect(within(dialog).getByText('is required')).toBeInTheDocument();
    expect(network.to('/api/teams').filter((r) => r.method === 'POST')).toHaveLength(0);

    await user.type(within(dialog).getByTestId('new-team-name'), 'service');
    await user.click(within(dialog).getByTestId('new-team-submit'));
    expect(
      await within(dialog).findByText('A team named service already exists'),
    ).toBeInTheDocument();

    await user.clear(within(dialog).getByTestId('new-team-name'));
    await user.type(within(dialog).getByTestId('new-team-name'), 'Billing');
    await user.click(within(dialog).getByTestId('new-team-submit'));
    await waitFor(() => expect(screen.queryByTestId('new-team-dialog')).not.toBeInTheDocument());
    expect(state.teams.map((t) => t.name)).toEqual(['Service', 'Billing']);
    await waitFor(() =>
      expect(
        within(screen.getByTestId('team-detail')).getByRole('heading', { level: 3 }),
      ).toHaveTextContent('Billing'),
    );
  });

  it('adds and removes members, offering only active people not yet in the team', async () => {
    const { routes, state } = adminRoutes();
    const { user, network } = await renderTeams(routes);
    const members = screen.getByTestId('team-members');
    const pick = within(members).getByTestId('team-member-pick');
    await waitFor(() =>
      expect(
        within(pick)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['Choose a person', 'Olaf Neu (olaf@example.com)']),
    );
    await user.selectOptions(pick, OLAF.id);
    await user.click(within(members).getByTestId('team-member-add'));
    await waitFor(() => expect(within(members).getAllByTestId('team-member')).toHaveLength(2));
    expect(network.to(`/api/teams/${SERVICE_ID}/members`)[0]?.body).toEqual({
      userIds: [ANNA.id, OLAF.id],
    });

    await user.click(
      within(members).getByRole('button', { name: 'Remove Anna Agent from Service' }),
    );
    await waitFor(() => expect(within(members).getAllByTestId('team-member')).toHaveLength(1));
    expect(state.teams[0]?.members.map((m) => m.name)).toEqual(['Olaf Neu']);
  });

  it('asks before deleting a team and shows why the server refuses', async () => {
    const { routes } = adminRoutes({
      'DELETE /api/teams/:id': () =>
        apiError(
          409,
          'teams.has_channels',
          'Channels deliver to this team; move them to another team first',
        ),
    });
    const { user } = await renderTeams(routes);
    await user.click(screen.getByTestId('team-delete'));
    const dialog = await screen.findByTestId('delete-team-dialog');
    expect(dialog).toHaveTextContent('Delete Service?');
    await user.click(within(dialog).getByTestId('delete-team-confirm'));
    expect(await within(dialog).findByTestId('delete-team-error')).toHaveTextContent(
      'Channels deliver to this team',
    );
  });
});
