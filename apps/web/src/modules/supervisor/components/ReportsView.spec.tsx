import { screen, waitFor, within } from '@testing-library/react';
import type { ReportOverviewDto } from '@touchpoint/shared';
import { installApi, type RoutedRequest } from '../../../../test/fake-api';
import { jsonResponse } from '../../../../test/fetch-mock';
import { signIn, userWithRole } from '../../../../test/fixtures';
import { inboxRoutes } from '../../../../test/inbox-app';
import { uuid } from '../../../../test/inbox-fixtures';
import { renderApp } from '../../../../test/render-app';
import { reportCsv } from '../format/report-csv';
// The page loads the reports lazily; loaded here first, so transpiling the charts on first use does
// not eat into a test's time to find what it looks for.
import './ReportsView';

const SAM = userWithRole('supervisor');
const SERVICE = { id: uuid(1, '7e000000'), name: 'Service' };
const SALES = { id: uuid(2, '7e000000'), name: 'Sales' };

function reportDto(q: URLSearchParams): ReportOverviewDto {
  return {
    from: q.get('from') ?? '',
    to: q.get('to') ?? '',
    timeZone: q.get('timeZone') ?? '',
    totals: { conversations: 40, resolved: 20, oneTouch: 5, bounced: 10, switchedChannel: 2 },
    volume: [
      { channelKind: 'email', hour: 9, conversations: 30 },
      { channelKind: 'webchat', hour: 14, conversations: 10 },
    ],
    days: [
      { date: '2026-11-02', opened: 25, resolved: 10, backlog: 20 },
      { date: '2026-11-03', opened: 15, resolved: 10, backlog: 25 },
    ],
    firstResponse: { count: 30, medianSeconds: 1800, p90Seconds: 7200 },
    resolution: { count: 20, medianSeconds: 86_400, p90Seconds: 172_800 },
    consults: [
      {
        fromTeam: SERVICE,
        toTeam: SALES,
        asked: 4,
        accept: { count: 4, medianSeconds: 600, p90Seconds: 1500 },
        answer: { count: 3, medianSeconds: 3600, p90Seconds: 5400 },
      },
    ],
    bounces: [
      { changes: 0, conversations: 30 },
      { changes: 1, conversations: 8 },
      { changes: 2, conversations: 1 },
      { changes: 3, conversations: 1 },
    ],
    teamMoves: [{ fromTeam: SERVICE, toTeam: SALES, moves: 3 }],
    channelSwitches: [
      { switches: 0, conversations: 38 },
      { switches: 1, conversations: 2 },
      { switches: 2, conversations: 0 },
      { switches: 3, conversations: 0 },
    ],
  };
}

function renderReports(path = '/supervisor/reports') {
  signIn();
  const asked: URLSearchParams[] = [];
  const network = installApi(
    inboxRoutes(
      {
        'GET /api/reports/overview': (request: RoutedRequest) => {
          asked.push(request.query);
          return reportDto(request.query);
        },
        'GET /api/teams': () => [SERVICE, SALES],
        'GET /api/users': () => [],
      },
      SAM,
    ),
  );
  const app = renderApp(path);
  return { ...app, network, asked };
}

describe('Reports', () => {
  it('shows the last 30 days by default with figures, charts and tables', async () => {
    const { asked } = renderReports();
    expect(await screen.findByTestId('figure-conversations')).toHaveTextContent(
      'Conversations begun40',
    );
    const first = asked[0]!;
    const days = (Date.parse(first.get('to')!) - Date.parse(first.get('from')!)) / 86_400_000;
    expect(days).toBe(29);
    expect(first.get('timeZone')).toBeTruthy();
    expect(screen.getByTestId('figure-firstResponse')).toHaveTextContent(
      'First response (median)30 min90 %: 2 h · 30 measured',
    );
    expect(screen.getByTestId('figure-oneTouch')).toHaveTextContent('25 %');
    expect(screen.getByTestId('figure-bounced')).toHaveTextContent('25 %10 conversations');
    for (const chart of ['days', 'hours', 'bounces', 'switches'])
      expect(
        within(screen.getByTestId(`report-chart-${chart}`)).getByRole('application'),
      ).toBeInTheDocument();
    const consults = screen.getByTestId('report-consults');
    expect(within(consults).getByRole('row', { name: /Service → Sales/ })).toHaveTextContent(
      'Service → Sales410 min (90 %: 25 min)1 h (90 %: 1 h 30 min)',
    );
    expect(screen.getByTestId('report-moves')).toHaveTextContent('Service → Sales3');
  });

  it('asks again with the chosen filters, kept in the address', async () => {
    const { user, asked } = renderReports('/supervisor/reports?from=2026-11-02&to=2026-11-08');
    await screen.findByTestId('figure-conversations');
    expect(asked.at(-1)?.get('from')).toBe('2026-11-02');
    await user.selectOptions(screen.getByTestId('report-teamId'), SALES.id);
    await waitFor(() => expect(asked.at(-1)?.get('teamId')).toBe(SALES.id));
    await user.selectOptions(screen.getByTestId('report-channelKind'), 'whatsapp');
    await waitFor(() => expect(asked.at(-1)?.get('channelKind')).toBe('whatsapp'));
    expect(asked.at(-1)?.get('teamId')).toBe(SALES.id);
    expect(asked.at(-1)?.get('to')).toBe('2026-11-08');
  });

  it('says at the field when the range is the wrong way round, and asks nothing', async () => {
    const { asked } = renderReports('/supervisor/reports?from=2026-11-08&to=2026-11-02');
    expect(await screen.findByTestId('report-error')).toHaveTextContent('must not be before from');
    expect(screen.getByTestId('report-to')).toHaveAttribute('aria-invalid', 'true');
    expect(asked).toEqual([]);
  });

  it('shows the server’s refusal at its field', async () => {
    signIn();
    installApi(
      inboxRoutes(
        {
          'GET /api/reports/overview': () =>
            jsonResponse(400, {
              statusCode: 400,
              code: 'validation_failed',
              message: 'Validation failed',
              details: [{ path: 'from', message: 'is before the workspace began' }],
            }),
          'GET /api/teams': () => [],
          'GET /api/users': () => [],
        },
        SAM,
      ),
    );
    renderApp('/supervisor/reports?from=2020-01-01&to=2020-01-31');
    expect(await screen.findByTestId('report-error')).toHaveTextContent(
      'is before the workspace began',
    );
  });

  it('exports the same numbers as CSV, one figure per line, never a formula', () => {
    const report = reportDto(
      new URLSearchParams('from=2026-11-02&to=2026-11-03&timeZone=Europe/Berlin'),
    );
    report.teamMoves = [
      { fromTeam: { id: 'x', name: '=HYPERLINK("evil")' }, toTeam: SALES, moves: 1 },
    ];
    const lines = reportCsv(report).split('\r\n');
    expect(lines[0]).toBe('section,item,measure,value');
    expect(lines).toContain('totals,conversations,conversations,40');
    expect(lines).toContain('volume,email 09:00,conversations,30');
    expect(lines).toContain('days,2026-11-03,backlog,25');
    expect(lines).toContain('first_response,all,p90_seconds,7200');
    expect(lines).toContain('consult_answer,Service > Sales,median_seconds,3600');
    expect(lines).toContain('bounces,3+,conversations,1');
    expect(lines).toContain(`team_moves,"'=HYPERLINK(""evil"") > Sales",moves,1`);
    expect(lines.at(-1)).toBe('');
  });
});
