import { screen, waitFor, within } from '@testing-library/react';
import type { CreateGoalRequest, GoalDto, Role } from '@touchpoint/shared';
import { installApi, type Routes } from '../../../../test/fake-api';
import { apiError } from '../../../../test/fetch-mock';
import { signIn, userWithRole } from '../../../../test/fixtures';
import { uuid } from '../../../../test/inbox-fixtures';
import { renderApp } from '../../../../test/render-app';
import { goalsCsv } from '../format/goals-csv';

const SERVICE = { id: uuid(1, '7e000000'), name: 'Service' };
const SALES = { id: uuid(2, '7e000000'), name: 'Sales' };
const MARKETING = { id: uuid(3, '7e000000'), name: 'Marketing' };

const weeks = (values: (number | null)[]) =>
  values.map((value, i) => ({
    weekStart: new Date(Date.UTC(2026, 9, 12 + i * 7)).toISOString(),
    value,
    count: value === null ? 0 : 10 + i,
  }));

const CONSULT_GOAL: GoalDto = {
  id: uuid(1, '90a10000'),
  name: 'Sales accepts consults fast',
  kind: 'consult_accept_within',
  params: { fromTeamId: null, toTeamId: SALES.id, minutes: 30 },
  target: 0.9,
  direction: 'at_least',
  current: { value: 0.75, count: 40 },
  holds: false,
  trend: weeks([0.8, 0.82, null, 0.7, 0.74, 0.78, 0.76, 0.75]),
  breakdown: [
    { fromTeam: SERVICE, toTeam: SALES, value: 0.6, count: 20, holds: false },
    { fromTeam: MARKETING, toTeam: SALES, value: 0.95, count: 20, holds: true },
  ],
  createdAt: '2026-11-01T08:00:00.000Z',
  updatedAt: '2026-11-01T08:00:00.000Z',
};

const CSAT_GOAL: GoalDto = {
  id: uuid(2, '90a10000'),
  name: 'Happy customers',
  kind: 'csat_average',
  params: { teamId: SERVICE.id },
  target: 4.5,
  direction: 'at_least',
  current: { value: null, count: 0 },
  holds: null,
  trend: weeks([null, null, null, null, null, null, null, null]),
  breakdown: [],
  createdAt: '2026-11-02T08:00:00.000Z',
  updatedAt: '2026-11-02T08:00:00.000Z',
};

function renderGoals(role: Role, extra: Routes = {}) {
  signIn();
  let goals = [CONSULT_GOAL, CSAT_GOAL];
  const network = installApi({
    'GET /api/me': () => userWithRole(role),
    'GET /api/goals': () => goals,
    'GET /api/directory': () => ({
      teams: [SERVICE, SALES, MARKETING].map((t) => ({ ...t, receivesLeads: false })),
      users: [],
    }),
    'DELETE /api/goals/:id': (request) => {
      goals = goals.filter((goal) => goal.id !== request.params['id']);
      return new Response(null, { status: 204 });
    },
    ...extra,
  });
  const app = renderApp('/goals');
  return { ...app, network };
}

describe('Goals', () => {
  it('shows each goal’s meaning, value against target, state, trend and who holds it back', async () => {
    renderGoals('agent');
    const card = await screen.findByTestId(`goal-${CONSULT_GOAL.id}`);
    expect(within(card).getByRole('heading', { name: CONSULT_GOAL.name })).toBeInTheDocument();
    expect(within(card).getByTestId('goal-definition')).toHaveTextContent(
      'Sales accepts consults from any team within 30 min of business time',
    );
    expect(within(card).getByTestId('goal-value')).toHaveTextContent('75 %');
    expect(card).toHaveTextContent('from 40 consults');
    expect(within(card).getByTestId('goal-target')).toHaveTextContent('at least 90 %');
    expect(within(card).getByTestId('goal-state')).toHaveTextContent('Missed');
    const trend = within(card).getByTestId(`goal-trend-${CONSULT_GOAL.id}`);
    expect(within(trend).getByText('Last 8 weeks')).toBeInTheDocument();
    expect(within(trend).getByRole('application')).toBeInTheDocument();
    // The target as a line across the weeks.
    expect(trend.querySelector('.recharts-reference-line line')).not.toBeNull();
    const rows = within(within(card).getByTestId('goal-breakdown')).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('Service → Sales60 %20Missed');
    expect(rows[2]).toHaveTextContent('Marketing → Sales95 %20Holds');

    const csat = screen.getByTestId(`goal-${CSAT_GOAL.id}`);
    expect(within(csat).getByTestId('goal-definition')).toHaveTextContent(
      'Customers of Service rate their conversation well on average (1 to 5)',
    );
    expect(within(csat).getByTestId('goal-value')).toHaveTextContent('–');
    expect(within(csat).getByTestId('goal-target')).toHaveTextContent('at least 4.5 of 5');
    expect(within(csat).getByTestId('goal-state')).toHaveTextContent('No data yet');
  });

  it('lets an agent read the goals but offers no change', async () => {
    renderGoals('agent');
    await screen.findByTestId(`goal-${CONSULT_GOAL.id}`);
    expect(screen.getByTestId('goals-csv')).toBeInTheDocument();
    expect(screen.queryByTestId('goal-new')).not.toBeInTheDocument();
    expect(screen.queryByTestId('goal-edit')).not.toBeInTheDocument();
    expect(screen.queryByTestId('goal-delete')).not.toBeInTheDocument();
  });

  it('lets a supervisor add a goal, showing the server’s refusal at the field it names', async () => {
    const bodies: CreateGoalRequest[] = [];
    const { user, network } = renderGoals('supervisor', {
      'POST /api/goals': (request) => {
        bodies.push(request.body as CreateGoalRequest);
        if (bodies.length === 1)
          return apiError(400, 'validation_failed', 'Validation failed', {
            details: [{ path: 'params.teamId', message: 'is not a team' }],
          });
        return { ...CSAT_GOAL, id: uuid(3, '90a10000') };
      },
    });
    await user.click(await screen.findByTestId('goal-new'));
    const dialog = await screen.findByTestId('goal-dialog');
    await user.type(within(dialog).getByTestId('goal-form-name'), 'Service answers fast');
    await user.selectOptions(within(dialog).getByTestId('goal-form-kind'), 'first_response_within');
    await user.selectOptions(within(dialog).getByTestId('goal-form-teamId'), SERVICE.id);
    await user.clear(within(dialog).getByTestId('goal-form-minutes'));
    await user.type(within(dialog).getByTestId('goal-form-minutes'), '45');
    await user.clear(within(dialog).getByTestId('goal-form-target'));
    await user.type(within(dialog).getByTestId('goal-form-target'), '85');
    await user.click(within(dialog).getByTestId('goal-form-submit'));

    const team = within(dialog).getByTestId('goal-form-teamId');
    await waitFor(() => expect(team).toHaveAttribute('aria-invalid', 'true'));
    expect(team.closest('.tp-field')).toHaveTextContent('is not a team');
    expect(bodies[0]).toEqual({
      name: 'Service answers fast',
      kind: 'first_response_within',
      params: { teamId: SERVICE.id, minutes: 45 },
      target: 0.85,
    });

    const before = network.to('/api/goals').filter((r) => r.method === 'GET').length;
    await user.click(within(dialog).getByTestId('goal-form-submit'));
    await waitFor(() => expect(screen.queryByTestId('goal-dialog')).not.toBeInTheDocument());
    expect(bodies).toHaveLength(2);
    await waitFor(() =>
      expect(network.to('/api/goals').filter((r) => r.method === 'GET').length).toBe(before + 1),
    );
  });

  it('says at the field what to fix before asking the server', async () => {
    const { user, network } = renderGoals('manager');
    await user.click(await screen.findByTestId('goal-new'));
    const dialog = await screen.findByTestId('goal-dialog');
    await user.clear(within(dialog).getByTestId('goal-form-target'));
    await user.type(within(dialog).getByTestId('goal-form-target'), '120');
    await user.click(within(dialog).getByTestId('goal-form-submit'));
    expect(within(dialog).getByTestId('goal-form-name')).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByTestId('goal-form-target').closest('.tp-field')).toHaveTextContent(
      'Enter a percentage above 0 and at most 100.',
    );
    expect(network.to('/api/goals').filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('changes a goal’s target with the whole parameters', async () => {
    const patches: unknown[] = [];
    const { user } = renderGoals('admin', {
      'PATCH /api/goals/:id': (request) => {
        patches.push({ id: request.params['id'], body: request.body });
        return CONSULT_GOAL;
      },
    });
    const card = await screen.findByTestId(`goal-${CONSULT_GOAL.id}`);
    await user.click(within(card).getByTestId('goal-edit'));
    const dialog = await screen.findByTestId('goal-dialog');
    expect(within(dialog).getByTestId('goal-form-kind')).toBeDisabled();
    expect(within(dialog).getByTestId('goal-form-target')).toHaveValue('90');
    await user.clear(within(dialog).getByTestId('goal-form-target'));
    await user.type(within(dialog).getByTestId('goal-form-target'), '80');
    await user.click(within(dialog).getByTestId('goal-form-submit'));
    await waitFor(() => expect(screen.queryByTestId('goal-dialog')).not.toBeInTheDocument());
    expect(patches).toEqual([
      {
        id: CONSULT_GOAL.id,
        body: {
          name: CONSULT_GOAL.name,
          params: { fromTeamId: null, toTeamId: SALES.id, minutes: 30 },
          target: 0.8,
        },
      },
    ]);
  });

  it('asks before deleting a goal, and deletes it only when confirmed', async () => {
    const { user, network } = renderGoals('supervisor');
    const card = await screen.findByTestId(`goal-${CSAT_GOAL.id}`);
    await user.click(within(card).getByTestId('goal-delete'));
    const dialog = await screen.findByTestId('goal-delete-dialog');
    expect(dialog).toHaveTextContent('Delete goal Happy customers?');
    expect(network.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
    await user.click(within(dialog).getByTestId('goal-delete-confirm'));
    await waitFor(() =>
      expect(screen.queryByTestId(`goal-${CSAT_GOAL.id}`)).not.toBeInTheDocument(),
    );
    const deletes = network.requests.filter((r) => r.method === 'DELETE');
    expect(deletes.map((r) => r.url)).toEqual([`/api/goals/${CSAT_GOAL.id}`]);
    expect(screen.getByTestId(`goal-${CONSULT_GOAL.id}`)).toBeInTheDocument();
  });

  it('exports current value, target, state, every week and who holds it back as CSV', () => {
    const lines = goalsCsv([CONSULT_GOAL]).split('\r\n');
    expect(lines[0]).toBe('goal,section,item,measure,value');
    const name = CONSULT_GOAL.name;
    expect(lines).toEqual(
      expect.arrayContaining([
        `${name},goal,kind,name,consult_accept_within`,
        `${name},goal,target,at_least,0.9`,
        `${name},current,last_30_days,value,0.75`,
        `${name},current,last_30_days,count,40`,
        `${name},current,last_30_days,holds,no`,
        `${name},trend,${CONSULT_GOAL.trend[2]!.weekStart},value,`,
        `${name},trend,${CONSULT_GOAL.trend[2]!.weekStart},count,0`,
        `${name},trend,${CONSULT_GOAL.trend[7]!.weekStart},value,0.75`,
        `${name},breakdown,Service > Sales,value,0.6`,
        `${name},breakdown,Marketing > Sales,holds,yes`,
      ]),
    );
    expect(lines.filter((l) => l.includes(',trend,'))).toHaveLength(16);
    expect(goalsCsv([{ ...CONSULT_GOAL, name: '=cmd' }])).toContain("\r\n'=cmd,goal,");
  });
});
