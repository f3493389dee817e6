import { screen, waitFor, within } from '@testing-library/react';
import type {
  SlaPolicyDto,
  SlaPolicyInput,
  TeamDto,
  TeamSlaPoliciesDto,
  TeamSlaPoliciesRequest,
} from '@touchpoint/shared';
import { LOCALE_STORAGE_KEY } from '../../../lib/i18n';
import { installApi, type Routes } from '../../../../test/fake-api';
import { apiError } from '../../../../test/fetch-mock';
import { signIn, userWithRole } from '../../../../test/fixtures';
import { renderApp } from '../../../../test/render-app';

const TEAM_ID = '0c7e5f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6';
const POLICIES_PATH = `/api/teams/${TEAM_ID}/sla-policies`;

const TEAM: TeamDto = {
  id: TEAM_ID,
  name: 'Service',
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
  members: [],
  createdAt: '2025-01-01T00:00:00.000Z',
};

const H = 3600;
/** Tests that type into many fields of five targets a row: slow when the machine is busy. */
const LONG_TEST_MS = 15_000;
const DEFAULT: SlaPolicyDto = {
  id: 'a1',
  channelKind: null,
  priority: null,
  firstResponseSeconds: 4 * H,
  nextResponseSeconds: 8 * H,
  resolutionSeconds: 120 * H,
  consultAcceptSeconds: null,
  consultAnswerSeconds: 4 * H,
};
const URGENT: SlaPolicyDto = {
  id: 'a2',
  channelKind: null,
  priority: 'urgent',
  firstResponseSeconds: 900,
  nextResponseSeconds: null,
  resolutionSeconds: 8 * H,
  consultAcceptSeconds: 300,
  consultAnswerSeconds: null,
};
const WHATSAPP: SlaPolicyDto = {
  id: 'a3',
  channelKind: 'whatsapp',
  priority: null,
  firstResponseSeconds: H,
  nextResponseSeconds: null,
  resolutionSeconds: null,
  consultAcceptSeconds: null,
  consultAnswerSeconds: null,
};

/** The policies API as the server keeps it: PUT replaces the list. */
function routes(initial: SlaPolicyDto[], overrides: Routes = {}): Routes {
  let saved = initial;
  return {
    'GET /api/me': () => userWithRole('admin'),
    'GET /api/teams': () => [TEAM],
    'GET /api/teams/:id/business-hours': () => ({ teamId: TEAM_ID, businessHours: null }),
    'GET /api/teams/:id/sla-policies': (): TeamSlaPoliciesDto => ({
      teamId: TEAM_ID,
      policies: saved,
    }),
    'PUT /api/teams/:id/sla-policies': (request): TeamSlaPoliciesDto => {
      const { policies } = request.body as TeamSlaPoliciesRequest;
      saved = policies.map((policy, index) => ({
        id: `b${index}`,
        channelKind: policy.channelKind ?? null,
        priority: policy.priority ?? null,
        firstResponseSeconds: policy.firstResponseSeconds ?? null,
        nextResponseSeconds: policy.nextResponseSeconds ?? null,
        resolutionSeconds: policy.resolutionSeconds ?? null,
        consultAcceptSeconds: policy.consultAcceptSeconds ?? null,
        consultAnswerSeconds: policy.consultAnswerSeconds ?? null,
      }));
      return { teamId: TEAM_ID, policies: saved };
    },
    ...overrides,
  };
}

async function renderPolicies(initial: SlaPolicyDto[], overrides: Routes = {}) {
  signIn();
  const network = installApi(routes(initial, overrides));
  const app = renderApp('/settings');
  await screen.findByTestId('sla-policy-form');
  return { ...app, network };
}

const field = (testId: string) => screen.getByTestId(testId);
const puts = (network: { to(path: string): { method: string; body: unknown }[] }) =>
  network.to(POLICIES_PATH).filter((request) => request.method === 'PUT');

/** The error text linked to a control through aria-describedby. */
function errorOf(control: HTMLElement): string {
  const ids = (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return ids
    .map((id) => document.getElementById(id))
    .filter((element) => element?.classList.contains('tp-field__error'))
    .map((element) => element?.textContent ?? '')
    .join(' ');
}

describe('SLA policies of a team', () => {
  it(
    'shows the policies in human units, then saves the edited list as a whole',
    async () => {
      const { user, network } = await renderPolicies([DEFAULT, URGENT, WHATSAPP]);

      const rows = screen.getAllByTestId('sla-policy');
      expect(rows.map((row) => row.querySelector('legend')?.textContent)).toEqual([
        'Default',
        'Any channel · Urgent',
        'WhatsApp · Any priority',
      ]);
      expect(rows[0]).toHaveAttribute('data-default', 'true');
      expect(field('sla-0-firstResponseSeconds')).toHaveValue(4);
      expect(field('sla-0-firstResponseSeconds-unit')).toHaveValue('hours');
      expect(field('sla-0-resolutionSeconds')).toHaveValue(120);
      expect(field('sla-1-priority')).toHaveValue('urgent');
      expect(field('sla-1-channelKind')).toHaveValue('');
      expect(field('sla-1-firstResponseSeconds')).toHaveValue(15);
      expect(field('sla-1-firstResponseSeconds-unit')).toHaveValue('minutes');
      expect(field('sla-1-nextResponseSeconds')).toHaveValue(null);
      expect(field('sla-2-channelKind')).toHaveValue('whatsapp');

      await user.clear(field('sla-0-firstResponseSeconds'));
      await user.type(field('sla-0-firstResponseSeconds'), '2');
      await user.click(
        screen.getByRole('button', { name: 'Remove the policy WhatsApp · Any priority' }),
      );
      await user.click(screen.getByRole('button', { name: 'Add policy' }));
      // A new row takes a channel no policy has yet, for any priority.
      expect(field('sla-2-channelKind')).toHaveValue('email');
      await user.selectOptions(field('sla-2-priority'), 'high');
      await user.selectOptions(field('sla-2-firstResponseSeconds-unit'), 'minutes');
      await user.type(field('sla-2-firstResponseSeconds'), '30');
      expect(field('sla-policies-unsaved')).toHaveTextContent('You have unsaved changes.');

      await user.click(screen.getByRole('button', { name: 'Save SLA policies' }));

      expect(await screen.findByTestId('sla-policies-saved')).toHaveTextContent(
        'Saved. Due times calculated from now on use these targets.',
      );
      const policies: SlaPolicyInput[] = [
        {
          channelKind: null,
          priority: null,
          firstResponseSeconds: 2 * H,
          nextResponseSeconds: 8 * H,
          resolutionSeconds: 120 * H,
          consultAcceptSeconds: null,
          consultAnswerSeconds: 4 * H,
        },
        {
          channelKind: null,
          priority: 'urgent',
          firstResponseSeconds: 900,
          nextResponseSeconds: null,
          resolutionSeconds: 8 * H,
          consultAcceptSeconds: 300,
          consultAnswerSeconds: null,
        },
        {
          channelKind: 'email',
          priority: 'high',
          firstResponseSeconds: 1800,
          nextResponseSeconds: null,
          resolutionSeconds: null,
          consultAcceptSeconds: null,
          consultAnswerSeconds: null,
        },
      ];
      expect(puts(network).map((request) => request.body)).toEqual([{ policies }]);
      expect(screen.queryByTestId('sla-policies-unsaved')).not.toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Save SLA policies' })).toBeDisabled();
    },
    LONG_TEST_MS,
  );

  it('leaves an empty default out, and starts a team without policies with one', async () => {
    const { user, network } = await renderPolicies([]);

    expect(screen.getAllByTestId('sla-policy')).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Save SLA policies' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Add policy' }));
    await user.selectOptions(field('sla-1-channelKind'), 'telegram');
    await user.type(field('sla-1-resolutionSeconds'), '48');
    await user.click(screen.getByRole('button', { name: 'Save SLA policies' }));

    await screen.findByTestId('sla-policies-saved');
    expect(puts(network)[0]?.body).toEqual({
      policies: [
        {
          channelKind: 'telegram',
          priority: null,
          firstResponseSeconds: null,
          nextResponseSeconds: null,
          resolutionSeconds: 48 * H,
          consultAcceptSeconds: null,
          consultAnswerSeconds: null,
        },
      ],
    });
  });

  it("shows the server's 400 at the row and field it names", async () => {
    // Without a saved default, the form's second row is the first policy sent (policies.0).
    const { user, network } = await renderPolicies([URGENT, WHATSAPP], {
      'PUT /api/teams/:id/sla-policies': () =>
        apiError(400, 'validation.failed', 'policies.0.firstResponseSeconds …', {
          details: [
            { path: 'policies.0.firstResponseSeconds', message: 'must be at most 7776000 seconds' },
            { path: 'policies.1', message: 'has the same channel and priority as policies.0' },
          ],
        }),
    });

    await user.clear(field('sla-1-firstResponseSeconds'));
    await user.type(field('sla-1-firstResponseSeconds'), '20');
    await user.click(screen.getByRole('button', { name: 'Save SLA policies' }));

    const first = field('sla-1-firstResponseSeconds');
    await waitFor(() => expect(errorOf(first)).toBe('must be at most 7776000 seconds'));
    expect(first).toHaveAttribute('aria-invalid', 'true');
    expect(first).toHaveFocus();
    expect(errorOf(field('sla-2-channelKind'))).toBe(
      'has the same channel and priority as policies.0',
    );
    expect(puts(network)).toHaveLength(1);
    expect(screen.queryByTestId('sla-policies-saved')).not.toBeInTheDocument();

    // Editing the field clears the server's complaint about it.
    await user.type(first, '0');
    expect(errorOf(first)).toBe('');
  });

  it('checks with the shared schema first: duplicates and too short targets send nothing', async () => {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, 'de');
    const { user, network } = await renderPolicies([DEFAULT, URGENT, WHATSAPP]);

    expect(screen.getByRole('heading', { level: 4, name: 'SLA-Richtlinien' })).toBeInTheDocument();
    await user.selectOptions(field('sla-2-channelKind'), '');
    await user.selectOptions(field('sla-2-priority'), 'urgent');
    await user.clear(field('sla-0-nextResponseSeconds'));
    await user.selectOptions(field('sla-0-nextResponseSeconds-unit'), 'minutes');
    await user.type(field('sla-0-nextResponseSeconds'), '0.5');
    await user.click(screen.getByRole('button', { name: 'SLA-Richtlinien speichern' }));

    expect(errorOf(field('sla-2-channelKind'))).toBe(
      'Für diesen Kanal und diese Priorität gibt es bereits eine Richtlinie.',
    );
    expect(errorOf(field('sla-0-nextResponseSeconds'))).toBe(
      'muss mindestens 60 Sekunden betragen (1 Min.)',
    );
    expect(field('sla-0-nextResponseSeconds')).toHaveFocus();
    expect(screen.getByTestId('sla-policies-invalid')).toHaveTextContent(
      'Bitte korrigieren Sie die markierten Felder.',
    );
    expect(puts(network)).toHaveLength(0);
  });

  it(
    'sets consult targets per policy, with the team handoff settings named as what applies otherwise',
    async () => {
      const { user, network } = await renderPolicies([DEFAULT, URGENT]);

      const rows = screen.getAllByTestId('sla-policy');
      expect(rows[0]).toHaveTextContent(
        "Consults and transfers to this team: leave empty for the team's handoff settings (15 min to accept, 2 h to answer).",
      );
      expect(rows[1]).toHaveTextContent('leave empty for the less specific policy');
      expect(field('sla-0-consultAcceptSeconds')).toHaveValue(null);
      expect(field('sla-0-consultAnswerSeconds')).toHaveValue(4);
      expect(field('sla-0-consultAnswerSeconds-unit')).toHaveValue('hours');
      expect(field('sla-1-consultAcceptSeconds')).toHaveValue(5);
      expect(field('sla-1-consultAcceptSeconds-unit')).toHaveValue('minutes');
      expect(
        within(rows[1] as HTMLElement).getByRole('spinbutton', { name: 'Consult answered within' }),
      ).toBe(field('sla-1-consultAnswerSeconds'));

      // A policy for WhatsApp that only sets how soon a consult must be accepted.
      await user.click(screen.getByRole('button', { name: 'Add policy' }));
      await user.selectOptions(field('sla-2-channelKind'), 'whatsapp');
      expect(field('sla-2-consultAcceptSeconds-unit')).toHaveValue('minutes');
      // More than the 7 days a team may give for acceptance.
      await user.selectOptions(field('sla-2-consultAcceptSeconds-unit'), 'hours');
      await user.type(field('sla-2-consultAcceptSeconds'), '200');
      await user.click(screen.getByRole('button', { name: 'Save SLA policies' }));
      expect(errorOf(field('sla-2-consultAcceptSeconds'))).toBe(
        'must be at most 604800 seconds (7 d)',
      );
      expect(puts(network)).toHaveLength(0);

      await user.clear(field('sla-2-consultAcceptSeconds'));
      await user.type(field('sla-2-consultAcceptSeconds'), '1');
      await user.click(screen.getByRole('button', { name: 'Save SLA policies' }));
      await screen.findByTestId('sla-policies-saved');
      expect(puts(network)[0]?.body).toEqual({
        policies: [
          expect.objectContaining({
            channelKind: null,
            priority: null,
            consultAnswerSeconds: 4 * H,
          }),
          expect.objectContaining({ priority: 'urgent', consultAcceptSeconds: 300 }),
          {
            channelKind: 'whatsapp',
            priority: null,
            firstResponseSeconds: null,
            nextResponseSeconds: null,
            resolutionSeconds: null,
            consultAcceptSeconds: H,
            consultAnswerSeconds: null,
          },
        ],
      });
    },
    LONG_TEST_MS,
  );
});
