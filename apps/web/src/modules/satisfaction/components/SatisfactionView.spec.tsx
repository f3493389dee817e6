import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import type { SatisfactionGroupDto, SatisfactionResultsDto } from '@touchpoint/shared';
import { AppProviders } from '../../../app/AppProviders';
import { createQueryClient } from '../../../app/query-client';
import { createI18n } from '../../../lib/i18n';
import { installApi, type RouteHandler } from '../../../../test/fake-api';
import { apiError } from '../../../../test/fetch-mock';
import { signIn } from '../../../../test/fixtures';
import { uuid } from '../../../../test/inbox-fixtures';
import { satisfactionCsv } from '../format/satisfaction-csv';
import { SatisfactionView } from './SatisfactionView';

const SERVICE = { id: uuid(1, '7e000000'), name: 'Service' };
const SALES = { id: uuid(2, '7e000000'), name: 'Sales' };

function group(
  key: string | null,
  name: string,
  requested: number,
  distribution: [number, number, number, number, number],
): SatisfactionGroupDto {
  const rated = distribution.reduce((a, b) => a + b, 0);
  const sum = distribution.reduce((a, n, i) => a + n * (i + 1), 0);
  return {
    key,
    name,
    requested,
    rated,
    responseRate: requested ? rated / requested : null,
    average: rated ? sum / rated : null,
    distribution,
  };
}

function results(q: URLSearchParams): SatisfactionResultsDto {
  return {
    from: q.get('from') ?? '',
    to: q.get('to') ?? '',
    timeZone: q.get('timeZone') ?? '',
    totals: {
      requested: 40,
      rated: 20,
      responseRate: 0.5,
      average: 4.1,
      distribution: [1, 1, 2, 8, 8],
    },
    byTeam: [
      group(SERVICE.id, 'Service', 30, [0, 0, 1, 2, 12]),
      group(SALES.id, 'Sales', 10, [1, 1, 1, 2, 0]),
    ],
    byChannel: [
      { ...group('email', 'email', 25, [1, 0, 1, 4, 6]), key: 'email' },
      { ...group('whatsapp', 'whatsapp', 15, [0, 1, 1, 4, 2]), key: 'whatsapp' },
    ],
    byAgent: [
      group(uuid(7, '5e000000'), 'Anna Agent', 20, [0, 0, 0, 1, 1]),
      group(uuid(8, '5e000000'), 'Bert Agent', 12, [0, 1, 2, 3, 4]),
      group(null, '', 8, [1, 0, 0, 0, 0]),
    ],
  };
}

function renderView(path: string, answer: RouteHandler = (r) => results(r.query)) {
  signIn();
  const asked: URLSearchParams[] = [];
  installApi({
    'GET /api/satisfaction': (request) => {
      asked.push(request.query);
      return answer(request);
    },
    'GET /api/teams': () => [SERVICE, SALES],
  });
  const router = createMemoryRouter(
    [{ path: '/journeys/satisfaction', element: <SatisfactionView /> }],
    { initialEntries: [path] },
  );
  const user = userEvent.setup();
  render(
    <AppProviders i18n={createI18n()} queryClient={createQueryClient()}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { user, asked, router };
}

const rowNames = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getByRole('rowheader').textContent);

describe('Satisfaction results', () => {
  it('shows the totals, the ratings 1–5 and the tables of the last 30 days', async () => {
    const { asked } = renderView('/journeys/satisfaction');
    expect(await screen.findByTestId('satisfaction-requested')).toHaveTextContent('Surveys sent40');
    const first = asked[0]!;
    expect((Date.parse(first.get('to')!) - Date.parse(first.get('from')!)) / 86_400_000).toBe(29);
    expect(first.get('timeZone')).toBeTruthy();
    expect(screen.getByTestId('satisfaction-rated')).toHaveTextContent('Rated20');
    expect(screen.getByTestId('satisfaction-responseRate')).toHaveTextContent('50 %');
    expect(screen.getByTestId('satisfaction-average')).toHaveTextContent('4.1 of 5');
    expect(
      within(screen.getByTestId('satisfaction-distribution')).getByRole('application'),
    ).toBeInTheDocument();
    const distribution = screen.getByTestId('satisfaction-distribution-table');
    expect(within(distribution).getByRole('row', { name: /Rating 4/ })).toHaveTextContent('8');
    expect(within(distribution).getByRole('row', { name: /Rating 1/ })).toHaveTextContent('1');

    const teams = screen.getByTestId('satisfaction-by-team');
    expect(within(teams).getByRole('row', { name: /Service/ })).toHaveTextContent(
      'Service301550 %4.7 of 5',
    );
    const channels = screen.getByTestId('satisfaction-by-channel');
    expect(rowNames(channels)).toEqual(['Email', 'WhatsApp']);
    const agents = screen.getByTestId('satisfaction-by-agent');
    expect(within(agents).getByRole('row', { name: /Without owner/ })).toHaveTextContent(
      'Without owner8113 %1.0 of 5',
    );
  });

  it('sorts a table by average or by the number of ratings', async () => {
    const { user } = renderView('/journeys/satisfaction');
    const agents = await screen.findByTestId('satisfaction-by-agent');
    expect(rowNames(agents)).toEqual(['Bert Agent', 'Anna Agent', 'Without owner']);
    await user.click(within(agents).getByTestId('satisfaction-by-agent-sort-average'));
    expect(rowNames(agents)).toEqual(['Anna Agent', 'Bert Agent', 'Without owner']);
    expect(within(agents).getByTestId('satisfaction-by-agent-sort-average')).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('asks again with the chosen team and channel, kept in the address', async () => {
    const { user, asked, router } = renderView(
      '/journeys/satisfaction?from=2026-11-02&to=2026-11-08',
    );
    await screen.findByTestId('satisfaction-requested');
    expect(asked.at(-1)?.get('from')).toBe('2026-11-02');
    await waitFor(() =>
      expect(within(screen.getByTestId('satisfaction-teamId')).getAllByRole('option')).toHaveLength(
        3,
      ),
    );
    await user.selectOptions(screen.getByTestId('satisfaction-teamId'), SALES.id);
    await waitFor(() => expect(asked.at(-1)?.get('teamId')).toBe(SALES.id));
    await user.selectOptions(screen.getByTestId('satisfaction-channelKind'), 'whatsapp');
    await waitFor(() => expect(asked.at(-1)?.get('channelKind')).toBe('whatsapp'));
    expect(asked.at(-1)?.get('to')).toBe('2026-11-08');
    const params = new URLSearchParams(router.state.location.search);
    expect(params.get('teamId')).toBe(SALES.id);
    expect(params.get('channelKind')).toBe('whatsapp');
  });

  it('says at the field when the range is the wrong way round, and asks nothing', async () => {
    const { asked } = renderView('/journeys/satisfaction?from=2026-11-08&to=2026-11-02');
    expect(await screen.findByTestId('satisfaction-error')).toHaveTextContent(
      'must not be before from',
    );
    expect(asked).toEqual([]);
  });

  it('says so when no survey was sent', async () => {
    renderView('/journeys/satisfaction', (r) => ({
      ...results(r.query),
      totals: {
        requested: 0,
        rated: 0,
        responseRate: null,
        average: null,
        distribution: [0, 0, 0, 0, 0],
      },
      byTeam: [],
      byChannel: [],
      byAgent: [],
    }));
    expect(await screen.findByTestId('satisfaction-empty')).toHaveTextContent(
      'No survey was sent in this range.',
    );
  });

  it('offers a retry when the results could not be loaded', async () => {
    let calls = 0;
    const { user } = renderView('/journeys/satisfaction', (r) => {
      calls += 1;
      return calls === 1
        ? apiError(409, 'busy', 'The figures are being rebuilt')
        : results(r.query);
    });
    expect(
      await screen.findByText("The satisfaction results couldn't be loaded."),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('satisfaction-requested')).toHaveTextContent('40');
  });

  it('exports every figure shown as CSV, one per line, never a formula', () => {
    const data = results(
      new URLSearchParams('from=2026-11-02&to=2026-11-08&timeZone=Europe/Berlin'),
    );
    const lines = satisfactionCsv({
      ...data,
      byAgent: [...data.byAgent, group(uuid(9, '5e000000'), '=HYPERLINK()', 1, [0, 0, 0, 0, 1])],
    }).split('\r\n');
    expect(lines[0]).toBe('section,item,measure,value');
    expect(lines).toEqual(
      expect.arrayContaining([
        'range,from,date,2026-11-02',
        'range,time_zone,name,Europe/Berlin',
        'totals,all,surveys_sent,40',
        'totals,all,rated,20',
        'totals,all,response_rate,0.5',
        'totals,all,average,4.1',
        'totals,all,rating_4,8',
        'team,Service,surveys_sent,30',
        'channel,whatsapp,rated,8',
        'agent,Bert Agent,rating_5,4',
        "agent,'=HYPERLINK(),rated,1",
      ]),
    );
    // 4 range lines' worth of header, then 9 measures for the totals and each of 8 groups.
    expect(lines.filter(Boolean)).toHaveLength(1 + 3 + 9 * (1 + 2 + 2 + 4));
  });
});
