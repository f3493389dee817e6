import { screen, waitFor, within } from '@testing-library/react';
import type {
  BusinessCalendar,
  BusinessCalendarInput,
  TeamBusinessHoursDto,
  TeamDto,
} from '@touchpoint/shared';
import { LOCALE_STORAGE_KEY } from '../../../lib/i18n';
import { installApi, type Routes } from '../../../../test/fake-api';
import { apiError } from '../../../../test/fetch-mock';
import { signIn, userWithRole } from '../../../../test/fixtures';
import { renderApp } from '../../../../test/render-app';

const TEAM_ID = '0c7e5f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6';
const HOURS_PATH = `/api/teams/${TEAM_ID}/business-hours`;

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

const nineToFive = [{ from: '09:00', to: '17:00' }];
const SAVED: BusinessCalendar = {
  timeZone: 'America/New_York',
  week: {
    '1': nineToFive,
    '2': nineToFive,
    '3': nineToFive,
    '4': nineToFive,
    '5': [
      { from: '08:00', to: '12:00' },
      { from: '20:00', to: '24:00' },
    ],
    '6': [],
    '7': [],
  },
  holidays: ['2026-07-03', '2026-12-25'],
};

/** The hours API as the server keeps it: PUT stores the body, DELETE goes back to none. */
function routes(initial: BusinessCalendar | null, overrides: Routes = {}): Routes {
  let saved = initial;
  return {
    'GET /api/me': () => userWithRole('admin'),
    'GET /api/teams': () => [TEAM],
    'GET /api/teams/:id/business-hours': (): TeamBusinessHoursDto => ({
      teamId: TEAM_ID,
      businessHours: saved,
    }),
    'PUT /api/teams/:id/business-hours': (request): TeamBusinessHoursDto => {
      saved = request.body as BusinessCalendar;
      return { teamId: TEAM_ID, businessHours: saved };
    },
    'DELETE /api/teams/:id/business-hours': () => new Response(null, { status: 204 }),
    'GET /api/teams/:id/sla-policies': () => ({ teamId: TEAM_ID, policies: [] }),
    ...overrides,
  };
}

async function renderHours(initial: BusinessCalendar | null, overrides: Routes = {}) {
  signIn();
  const network = installApi(routes(initial, overrides));
  const app = renderApp('/settings');
  await screen.findByTestId('business-hours-form');
  return { ...app, network };
}

const field = (testId: string) => screen.getByTestId(testId);
const requests = (
  network: { to(path: string): { method: string; body: unknown }[] },
  method: string,
) => network.to(HOURS_PATH).filter((request) => request.method === method);

/** The error text linked to a control through aria-describedby. */
function errorOf(control: HTMLElement): string {
  const ids = (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return ids
    .map((id) => document.getElementById(id))
    .filter((element) => element?.classList.contains('tp-field__error'))
    .map((element) => element?.textContent ?? '')
    .join(' ');
}

describe('Business hours of a team', () => {
  it('starts open around the clock, and saves own hours with a holiday', async () => {
    const { user, network } = await renderHours(null);

    const always = screen.getByRole('radio', { name: 'Open around the clock' });
    expect(always).toBeChecked();
    expect(screen.queryByTestId('business-hours-timeZone')).not.toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'Own business hours' }));
    // Own hours start as Monday to Friday, 09:00–17:00 in Europe/Berlin.
    expect(screen.getByRole('combobox', { name: 'Time zone' })).toHaveValue('Europe/Berlin');
    expect(field('business-hours-1-0-from')).toHaveValue('09:00');
    expect(screen.getByRole('checkbox', { name: 'Saturday' })).not.toBeChecked();

    // Wednesday closed, Friday until 15:00, Saturday morning open too.
    await user.click(screen.getByRole('checkbox', { name: 'Wednesday' }));
    await user.clear(screen.getByLabelText('Friday, interval 1: closes at'));
    await user.type(screen.getByLabelText('Friday, interval 1: closes at'), '15:00');
    await user.click(screen.getByRole('checkbox', { name: 'Saturday' }));
    await user.clear(field('business-hours-6-0-to'));
    await user.type(field('business-hours-6-0-to'), '12:00');
    await user.type(field('business-hours-new-holiday'), '2026-12-24');
    await user.click(screen.getByRole('button', { name: 'Add holiday' }));
    expect(
      within(field('business-hours-holidays')).getAllByTestId('business-hours-holiday'),
    ).toHaveLength(1);
    expect(field('business-hours-unsaved')).toHaveTextContent('You have unsaved changes.');

    await user.click(screen.getByRole('button', { name: 'Save business hours' }));

    expect(await screen.findByTestId('business-hours-saved')).toHaveTextContent(
      'Saved. Due times calculated from now on use these hours.',
    );
    const body: BusinessCalendarInput = {
      timeZone: 'Europe/Berlin',
      week: {
        '1': nineToFive,
        '2': nineToFive,
        '3': [],
        '4': nineToFive,
        '5': [{ from: '09:00', to: '15:00' }],
        '6': [{ from: '09:00', to: '12:00' }],
        '7': [],
      },
      holidays: ['2026-12-24'],
    };
    expect(requests(network, 'PUT').map((request) => request.body)).toEqual([body]);
    expect(screen.queryByTestId('business-hours-unsaved')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save business hours' })).toBeDisabled();
  });

  it('shows saved hours, with midnight as 00:00, and goes back to around the clock', async () => {
    const { user, network } = await renderHours(SAVED);

    expect(screen.getByRole('radio', { name: 'Own business hours' })).toBeChecked();
    expect(screen.getByRole('combobox', { name: 'Time zone' })).toHaveValue('America/New_York');
    expect(field('business-hours-5-1-from')).toHaveValue('20:00');
    expect(field('business-hours-5-1-to')).toHaveValue('00:00');
    expect(screen.getByRole('checkbox', { name: 'Sunday' })).not.toBeChecked();
    const holidays = within(field('business-hours-holidays')).getAllByTestId(
      'business-hours-holiday',
    );
    expect(holidays.map((item) => item.querySelector('time')?.getAttribute('datetime'))).toEqual([
      '2026-07-03',
      '2026-12-25',
    ]);

    // A second interval on Monday; unchanged, the midnight end goes back as 24:00.
    await user.click(screen.getByRole('button', { name: 'Add an interval on Monday' }));
    expect(field('business-hours-1-1-from')).toHaveValue('17:00');
    await user.clear(field('business-hours-1-1-to'));
    await user.type(field('business-hours-1-1-to'), '19:30');
    await user.click(within(holidays[0] as HTMLElement).getByRole('button'));
    await user.click(screen.getByRole('button', { name: 'Save business hours' }));

    await screen.findByTestId('business-hours-saved');
    expect(requests(network, 'PUT').map((request) => request.body)).toEqual([
      {
        ...SAVED,
        week: {
          ...SAVED.week,
          '1': [
            { from: '09:00', to: '17:00' },
            { from: '17:00', to: '19:30' },
          ],
        },
        holidays: ['2026-12-25'],
      },
    ]);

    await user.click(screen.getByRole('radio', { name: 'Open around the clock' }));
    await user.click(screen.getByRole('button', { name: 'Save business hours' }));

    await waitFor(() => expect(requests(network, 'DELETE')).toHaveLength(1));
    expect(await screen.findByTestId('business-hours-saved')).toBeInTheDocument();
    expect(screen.queryByTestId('business-hours-timeZone')).not.toBeInTheDocument();
  });

  it("shows the server's 400 at the field it names", async () => {
    const { user, network } = await renderHours(SAVED, {
      'PUT /api/teams/:id/business-hours': () =>
        apiError(400, 'validation.failed', 'week.3.0.to must be after the opening time', {
          details: [
            { path: 'week.3.0.to', message: 'must be after the opening time' },
            { path: 'holidays.1', message: 'must be a date as YYYY-MM-DD' },
          ],
        }),
    });

    await user.clear(field('business-hours-3-0-to'));
    await user.type(field('business-hours-3-0-to'), '18:00');
    await user.click(screen.getByRole('button', { name: 'Save business hours' }));

    const wednesday = screen.getByLabelText('Wednesday, interval 1: closes at');
    await waitFor(() => expect(errorOf(wednesday)).toBe('must be after the opening time'));
    expect(wednesday).toHaveAttribute('aria-invalid', 'true');
    expect(wednesday).toHaveFocus();
    // The second holiday (index 1) is the one the server complains about.
    const christmas = screen.getByRole('button', {
      name: 'Remove the holiday Fri, December 25, 2026',
    });
    expect(errorOf(christmas)).toBe('must be a date as YYYY-MM-DD');
    expect(screen.getByTestId('business-hours-invalid')).toHaveTextContent(
      'Please correct the marked fields.',
    );
    expect(requests(network, 'PUT')).toHaveLength(1);
    expect(screen.queryByTestId('business-hours-saved')).not.toBeInTheDocument();

    // Editing the field clears the server's complaint about it.
    await user.clear(wednesday);
    await user.type(wednesday, '17:00');
    expect(errorOf(wednesday)).toBe('');
  });

  it('checks with the shared schema first and sends nothing while a field is wrong', async () => {
    const { user, network } = await renderHours(SAVED);

    const closes = field('business-hours-2-0-to');
    await user.clear(closes);
    await user.type(closes, '08:00');
    await user.click(screen.getByRole('button', { name: 'Add an interval on Thursday' }));
    await user.clear(field('business-hours-4-1-from'));
    await user.type(field('business-hours-4-1-from'), '16:00');
    await user.type(field('business-hours-new-holiday'), '2026-12-25');
    await user.click(screen.getByRole('button', { name: 'Add holiday' }));
    await user.click(screen.getByRole('button', { name: 'Save business hours' }));

    expect(errorOf(closes)).toBe('must be after the opening time');
    expect(errorOf(field('business-hours-4-1-from'))).toBe(
      'must not be before 17:00, when the interval before it closes',
    );
    expect(errorOf(field('business-hours-new-holiday'))).toBe('This date is listed already.');
    expect(closes).toHaveFocus();
    expect(requests(network, 'PUT')).toHaveLength(0);
  });

  it('speaks German', async () => {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, 'de');
    const { user, network } = await renderHours(SAVED);

    expect(screen.getByRole('heading', { level: 4, name: 'Geschäftszeiten' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Mittwoch' })).toBeChecked();
    const closes = screen.getByLabelText('Dienstag, Zeitraum 1: schließt um');
    await user.clear(closes);
    await user.type(closes, '08:00');
    await user.click(screen.getByRole('button', { name: 'Geschäftszeiten speichern' }));

    expect(errorOf(closes)).toBe('muss nach der Öffnungszeit liegen');
    expect(requests(network, 'PUT')).toHaveLength(0);
  });
});
