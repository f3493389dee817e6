import { act, screen, waitFor, within } from '@testing-library/react';
import type { JourneyConversationRowDto, JourneyOverviewDto } from '@touchpoint/shared';
import { installApi, type RoutedRequest } from '../../../../test/fake-api';
import { jsonResponse } from '../../../../test/fetch-mock';
import { signIn, userWithRole } from '../../../../test/fixtures';
import { inboxRoutes } from '../../../../test/inbox-app';
import { uuid } from '../../../../test/inbox-fixtures';
import { renderApp } from '../../../../test/render-app';
import { journeyMomentsCsv, journeyPathsCsv, journeyStepsCsv } from '../format/journey-csv';

const MIA = userWithRole('manager');
const SERVICE = { id: uuid(1, '7e000000'), name: 'Service' };
const SALES = { id: uuid(2, '7e000000'), name: 'Sales' };
const S = `team:${SERVICE.id}`;
const L = `team:${SALES.id}`;
const none = { rated: 0, average: null };

function journeysDto(q: URLSearchParams): JourneyOverviewDto {
  return {
    from: q.get('from') ?? '',
    to: q.get('to') ?? '',
    timeZone: q.get('timeZone') ?? '',
    conversations: 20,
    outcomes: { one_touch: 12, after_handoffs: 5, resolved: 0, abandoned: 3, reopened: 0, open: 0 },
    csat: { rated: 7, average: 4.25 },
    nodes: [
      { key: 'entry:email', type: 'entry', channelKind: 'email', csat: { rated: 2, average: 4.5 } },
      { key: 'entry:form', type: 'entry', channelKind: 'form', csat: none },
      { key: S, type: 'team', team: SERVICE, csat: { rated: 7, average: 4.25 } },
      { key: L, type: 'team', team: SALES, csat: { rated: 5, average: 4.2 } },
      { key: 'outcome:one_touch', type: 'outcome', outcome: 'one_touch', csat: none },
      { key: 'outcome:after_handoffs', type: 'outcome', outcome: 'after_handoffs', csat: none },
      { key: 'outcome:abandoned', type: 'outcome', outcome: 'abandoned', csat: none },
    ],
    paths: [
      {
        key: `path:entry:email>${S}>outcome:one_touch`,
        nodes: ['entry:email', S, 'outcome:one_touch'],
        outcome: 'one_touch',
        count: 12,
        conversationIds: [],
        csat: { rated: 2, average: 4.5 },
      },
      {
        key: `path:entry:form>${S}>${L}>outcome:after_handoffs`,
        nodes: ['entry:form', S, L, 'outcome:after_handoffs'],
        outcome: 'after_handoffs',
        count: 5,
        conversationIds: [],
        csat: { rated: 5, average: 4.2 },
      },
      {
        key: `path:entry:form>${L}>outcome:abandoned`,
        nodes: ['entry:form', L, 'outcome:abandoned'],
        outcome: 'abandoned',
        count: 3,
        conversationIds: [],
        csat: none,
      },
    ],
    edges: [
      edge('entry:email', S, 12, 1800),
      edge('entry:form', S, 5, 3600),
      edge('entry:form', L, 3, null),
      edge(S, 'outcome:one_touch', 12, 600),
      edge(S, L, 5, 7500),
      edge(L, 'outcome:after_handoffs', 5, 86_400),
      edge(L, 'outcome:abandoned', 3, null),
    ],
    moments: [
      {
        key: `consult:${SERVICE.id}:${SALES.id}`,
        kind: 'consult',
        from: S,
        to: L,
        count: 5,
        answered: 4,
        medianSeconds: 7200,
        p90Seconds: 10_800,
        unansweredShare: 0.2,
      },
      {
        key: `edge:entry:form>${L}`,
        kind: 'first_response',
        from: 'entry:form',
        to: L,
        count: 3,
        answered: 0,
        medianSeconds: null,
        p90Seconds: null,
        unansweredShare: 1,
      },
      {
        key: `edge:entry:email>${S}`,
        kind: 'first_response',
        from: 'entry:email',
        to: S,
        count: 12,
        answered: 12,
        medianSeconds: 1800,
        p90Seconds: 3600,
        unansweredShare: 0,
      },
    ],
  };
}

function edge(from: string, to: string, count: number, medianSeconds: number | null) {
  return {
    key: `edge:${from}>${to}`,
    from,
    to,
    count,
    measured: medianSeconds === null ? 0 : count,
    medianSeconds,
    p90Seconds: medianSeconds === null ? null : medianSeconds * 2,
  };
}

function row(n: number, overrides: Partial<JourneyConversationRowDto> = {}) {
  return {
    id: uuid(n, 'c0000000'),
    subject: `Order question ${n}`,
    contactName: `Contact ${n}`,
    status: 'resolved',
    entryKind: 'email' as const,
    team: SERVICE,
    createdAt: '2026-11-03T09:30:00.000Z',
    ...overrides,
  };
}

function renderJourneys(path = '/journeys', answer = journeysDto) {
  signIn();
  const asked: URLSearchParams[] = [];
  const drilled: URLSearchParams[] = [];
  const network = installApi(
    inboxRoutes(
      {
        'GET /api/journeys': (request: RoutedRequest) => {
          asked.push(request.query);
          return answer(request.query);
        },
        'GET /api/journeys/conversations': (request: RoutedRequest) => {
          drilled.push(request.query);
          const offset = Number(request.query.get('offset'));
          return offset === 0
            ? {
                ids: [row(1).id, row(2).id],
                conversations: [row(1), row(2, { subject: null, entryKind: null, team: null })],
                nextOffset: 2,
              }
            : { ids: [row(3).id], conversations: [row(3)], nextOffset: null };
        },
        'GET /api/teams': () => [SERVICE, SALES],
      },
      MIA,
    ),
  );
  const app = renderApp(path);
  return { ...app, network, asked, drilled };
}

describe('Journeys', () => {
  it('shows the last 30 days: figures, and the diagram with counts and median times', async () => {
    const { asked } = renderJourneys();
    expect(await screen.findByTestId('journeys-figure-conversations')).toHaveTextContent(
      'Conversations begun20',
    );
    const first = asked[0]!;
    const days = (Date.parse(first.get('to')!) - Date.parse(first.get('from')!)) / 86_400_000;
    expect(days).toBe(29);
    expect(first.get('timeZone')).toBeTruthy();
    expect(screen.getByTestId('journeys-figure-one_touch')).toHaveTextContent(
      '60 %12 conversations',
    );
    expect(screen.getByTestId('journeys-figure-abandoned')).toHaveTextContent(
      '15 %3 conversations',
    );
    expect(screen.getByTestId('journeys-figure-reopened')).toHaveTextContent('0 %0 conversations');
    expect(screen.getByTestId('journeys-figure-csat')).toHaveTextContent('4.37 ratings');

    const flow = screen.getByTestId('journey-flow');
    expect(within(flow).getByTestId('journey-node-entry:email')).toHaveTextContent(
      'Email12 conversations★ 4.5 (2 ratings)',
    );
    expect(within(flow).getByTestId('journey-node-entry:form')).toHaveTextContent(
      'Contact form8 conversations',
    );
    expect(
      within(within(flow).getByTestId('journey-stages'))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Entry channel', 'First team', 'Pulled in', 'Outcome']);
    // By stage: Service as the first team; Sales first (3) and Sales pulled in by Service (5).
    expect(within(flow).getByTestId(`journey-node-1:${S}`)).toHaveTextContent(
      'Service17 conversations★ 4.3 (7 ratings)',
    );
    expect(within(flow).queryByTestId(`journey-node-2:${S}`)).not.toBeInTheDocument();
    expect(within(flow).getByTestId(`journey-node-1:${L}`)).toHaveTextContent(
      /^Sales3 conversations$/,
    );
    expect(within(flow).getByTestId(`journey-node-2:${L}`)).toHaveTextContent(
      'Sales5 conversations★ 4.2 (5 ratings)',
    );
    expect(within(flow).getByTestId('journey-node-outcome:abandoned')).toHaveTextContent(
      'Abandoned3',
    );
    expect(within(flow).getByTestId(`journey-edge-hop:0:entry:email>${S}`)).toHaveTextContent(
      '1230 min',
    );
    expect(within(flow).getByTestId(`journey-edge-hop:1:${S}>${L}`)).toHaveTextContent(
      '52 h 5 min',
    );
    expect(within(flow).getByTestId(`journey-edge-hop:0:entry:form>${L}`)).toHaveTextContent(/^3$/);
    // Without a pull-in, from the first team straight to the outcome.
    expect(within(flow).getByTestId(`journey-edge-hop:1:${S}>outcome:one_touch`)).toHaveTextContent(
      '1210 min',
    );
    expect(
      within(flow).getByTestId(`journey-edge-hop:2:${L}>outcome:after_handoffs`),
    ).toHaveTextContent('51 d');
    expect(
      within(flow).getByRole('button', {
        name: 'Email → Service: 12 conversations, median 30 min, show them',
      }),
    ).toBeInTheDocument();
    // Every step and outcome of the diagram is a button, reachable by keyboard.
    expect(within(flow).getAllByRole('button')).toHaveLength(7 + 3);
    // A wider band for more conversations.
    const band = (key: string) =>
      Number(flow.querySelector(`path[data-hop="${key}"]`)!.getAttribute('stroke-width'));
    expect(band(`hop:0:entry:email>${S}`)).toBeGreaterThan(band(`hop:0:entry:form>${L}`) * 3);
  });

  it('lists the conversations behind a number of the diagram, page by page', async () => {
    const { user, drilled } = renderJourneys(
      '/journeys?from=2026-11-01&to=2026-11-07&segment=lead',
    );
    const edge = await screen.findByTestId(`journey-edge-hop:0:entry:email>${S}`);
    await user.click(within(edge).getByRole('button'));
    const dialog = await screen.findByTestId('journey-drill');
    expect(within(dialog).getByRole('heading', { name: 'Email → Service' })).toBeInTheDocument();
    await waitFor(() => expect(within(dialog).getAllByTestId('journey-drill-row')).toHaveLength(2));
    expect(drilled[0]!.get('key')).toBe(`hop:0:entry:email>${S}`);
    expect(drilled[0]!.get('from')).toBe('2026-11-01');
    expect(drilled[0]!.get('segment')).toBe('lead');
    expect(drilled[0]!.get('offset')).toBe('0');
    const rows = within(dialog).getAllByTestId('journey-drill-row');
    expect(within(rows[0]!).getByRole('link', { name: 'Order question 1' })).toHaveAttribute(
      'href',
      `/inbox/${row(1).id}`,
    );
    expect(rows[0]).toHaveTextContent('Contact 1 · Resolved · Email · Service');
    expect(within(rows[1]!).getByRole('link', { name: '(no subject)' })).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('Contact 2 · Resolved · No team');

    await user.click(within(dialog).getByTestId('journey-drill-more'));
    await waitFor(() => expect(within(dialog).getAllByTestId('journey-drill-row')).toHaveLength(3));
    expect(drilled.at(-1)!.get('offset')).toBe('2');
    expect(within(dialog).queryByTestId('journey-drill-more')).not.toBeInTheDocument();
  });

  it('opens the conversations of one hop at its stage, with the hop’s count', async () => {
    const { user, drilled } = renderJourneys();
    await user.click(
      within(await screen.findByTestId(`journey-edge-hop:2:${L}>outcome:after_handoffs`)).getByRole(
        'button',
      ),
    );
    const dialog = await screen.findByTestId('journey-drill');
    expect(
      within(dialog).getByRole('heading', { name: 'Sales → Resolved after handoffs' }),
    ).toBeInTheDocument();
    expect(dialog).toHaveTextContent('5 conversations');
    await waitFor(() =>
      expect(drilled.at(-1)?.get('key')).toBe(`hop:2:${L}>outcome:after_handoffs`),
    );
  });

  it('names a column for the second pull-in, where the later ones fold in', async () => {
    renderJourneys('/journeys', (q) => {
      const j = journeysDto(q);
      const nodes = ['entry:email', L, S, L, 'outcome:reopened'];
      j.paths.push({ ...j.paths[0]!, key: `path:${nodes.join('>')}`, nodes, count: 1 });
      return j;
    });
    const stages = await screen.findByTestId('journey-stages');
    expect(
      within(stages)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Entry channel', 'First team', 'Pulled in first', 'Pulled in later', 'Outcome']);
    // Sales first, then Service, then Sales again: three stops at three stages.
    expect(screen.getByTestId(`journey-node-3:${L}`)).toHaveTextContent(/^Sales1 conversation/);
    expect(screen.getByTestId(`journey-edge-hop:3:${L}>outcome:reopened`)).toHaveTextContent(/^1$/);
  });

  it('ranks the moments as the API does, in words, each opening its conversations', async () => {
    const { user, drilled } = renderJourneys();
    const moments = await screen.findAllByTestId('journey-moment');
    expect(moments.map((m) => m.querySelector('.tp-journey-moment__text')?.textContent)).toEqual([
      'Service → Sales consult: median 2 h to accept, 20 % never accepted',
      'Contact form → Sales: no answer yet',
      'Email → Service: median 30 min to the first answer',
    ]);
    expect(moments[0]).toHaveTextContent('5 conversations · 90 %: 3 h');
    await user.click(moments[1]!);
    await screen.findByTestId('journey-drill');
    await waitFor(() => expect(drilled.at(-1)?.get('key')).toBe(`edge:entry:form>${L}`));
  });

  it('lists the journeys taken, sortable by count, each count opening its conversations', async () => {
    const { user, drilled } = renderJourneys();
    const table = await screen.findByTestId('journey-paths');
    // What a screen reader hears of each path (the chips are for the eye).
    const names = () =>
      within(table)
        .getAllByTestId('journey-path')
        .map(
          (r) => within(r).getByRole('rowheader').querySelector('.tp-visually-hidden')?.textContent,
        );
    expect(names()).toEqual([
      'Email → Service → Resolved in one touch',
      'Contact form → Service → Sales → Resolved after handoffs',
      'Contact form → Sales → Abandoned',
    ]);
    expect(within(table).getAllByTestId('journey-path')[0]).toHaveTextContent('★ 4.5 (2 ratings)');
    await user.click(screen.getByTestId('journey-paths-sort'));
    expect(names()[0]).toBe('Contact form → Sales → Abandoned');
    await user.click(
      within(table).getByRole('button', {
        name: 'Contact form → Sales → Abandoned: 3 conversations, show them',
      }),
    );
    await waitFor(() =>
      expect(drilled.at(-1)?.get('key')).toBe(`path:entry:form>${L}>outcome:abandoned`),
    );
  });

  it('asks again with the chosen filters, kept in the address', async () => {
    const { user, asked, router } = renderJourneys('/journeys?from=2026-11-02&to=2026-11-08');
    await screen.findByTestId('journeys-figure-conversations');
    expect(asked.at(-1)?.get('from')).toBe('2026-11-02');
    await user.selectOptions(screen.getByTestId('journeys-teamId'), SALES.id);
    await waitFor(() => expect(asked.at(-1)?.get('teamId')).toBe(SALES.id));
    await user.selectOptions(screen.getByTestId('journeys-channelKind'), 'whatsapp');
    await waitFor(() => expect(asked.at(-1)?.get('channelKind')).toBe('whatsapp'));
    await user.selectOptions(screen.getByTestId('journeys-segment'), 'returning');
    await waitFor(() => expect(asked.at(-1)?.get('segment')).toBe('returning'));
    expect(asked.at(-1)?.get('teamId')).toBe(SALES.id);
    expect(asked.at(-1)?.get('to')).toBe('2026-11-08');
    const address = new URLSearchParams(router.state.location.search);
    expect(Object.fromEntries(address)).toEqual({
      from: '2026-11-02',
      to: '2026-11-08',
      teamId: SALES.id,
      channelKind: 'whatsapp',
      segment: 'returning',
    });
  });

  it('says so when no conversation began in the range', async () => {
    renderJourneys('/journeys', (q) => ({
      ...journeysDto(q),
      conversations: 0,
      outcomes: {
        one_touch: 0,
        after_handoffs: 0,
        resolved: 0,
        abandoned: 0,
        reopened: 0,
        open: 0,
      },
      nodes: [],
      paths: [],
      edges: [],
      moments: [],
    }));
    expect(await screen.findByTestId('journeys-empty')).toHaveTextContent(
      'No conversations began in this range.',
    );
    expect(screen.queryByTestId('journey-flow')).not.toBeInTheDocument();
  });

  it('shows the server’s refusal at its field', async () => {
    signIn();
    installApi(
      inboxRoutes(
        {
          'GET /api/journeys': () =>
            jsonResponse(400, {
              statusCode: 400,
              code: 'validation_failed',
              message: 'Validation failed',
              details: [{ path: 'from', message: 'is before the workspace began' }],
            }),
          'GET /api/teams': () => [],
        },
        MIA,
      ),
    );
    renderApp('/journeys?from=2020-01-01&to=2020-01-31');
    expect(await screen.findByTestId('journeys-error')).toHaveTextContent(
      'is before the workspace began',
    );
    expect(screen.getByTestId('journeys-from')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
  });

  it('shows a refusal that names no field, and loads again on retry', async () => {
    signIn();
    let refuse = true;
    installApi(
      inboxRoutes(
        {
          'GET /api/journeys': (request: RoutedRequest) =>
            refuse
              ? jsonResponse(400, {
                  statusCode: 400,
                  code: 'range_too_busy',
                  message: 'Too many conversations to follow at once',
                })
              : journeysDto(request.query),
          'GET /api/teams': () => [],
        },
        MIA,
      ),
    );
    const { user } = renderApp('/journeys?from=2026-11-01&to=2026-11-07');
    const retry = await screen.findByRole('button', { name: 'Try again' });
    expect(screen.getByText('Too many conversations to follow at once')).toBeInTheDocument();
    expect(screen.getByText("The journeys couldn't be loaded.")).toBeInTheDocument();
    refuse = false;
    await user.click(retry);
    expect(await screen.findByTestId('journeys-figure-conversations')).toHaveTextContent('20');
  });

  it('speaks German: outcomes, moments and durations', async () => {
    const { i18n } = renderJourneys();
    await screen.findByTestId('journeys-figure-conversations');
    await act(() => i18n.changeLanguage('de'));
    expect(screen.getByTestId(`journey-edge-hop:1:${S}>${L}`)).toHaveTextContent('52 Std. 5 Min.');
    expect(screen.getByTestId('journey-node-outcome:abandoned')).toHaveTextContent('Abgesprungen3');
    expect(screen.getByTestId('journey-stages')).toHaveTextContent(
      'EingangskanalErstes TeamHinzugezogenAusgang',
    );
    expect(screen.getAllByTestId('journey-moment')[0]).toHaveTextContent(
      'Service → Sales (Hinzuziehen): Median 2 Std. bis zur Annahme, 20 % nie angenommen',
    );
  });

  it('exports the journeys, the steps and the moments as CSV', () => {
    const j = journeysDto(new URLSearchParams('from=2026-11-02&to=2026-11-03'));
    j.nodes[2] = { ...j.nodes[2]!, team: { id: SERVICE.id, name: '=cmd|"x"' } };
    const paths = journeyPathsCsv(j).split('\r\n');
    expect(paths[0]).toBe('path,outcome,conversations,csat_rated,csat_average');
    expect(paths[1]).toBe('"email > =cmd|""x"" > one_touch",one_touch,12,2,4.5');
    expect(paths[3]).toBe('form > Sales > abandoned,abandoned,3,0,');
    expect(paths.at(-1)).toBe('');
    const steps = journeyStepsCsv(j).split('\r\n');
    expect(steps[0]).toBe('from,to,conversations,measured,median_seconds,p90_seconds');
    expect(steps).toContain('Sales,after_handoffs,5,5,86400,172800');
    expect(steps).toContain('form,Sales,3,0,,');
    const moments = journeyMomentsCsv(j).split('\r\n');
    // A cell that starts like a formula is never one.
    expect(moments[1]).toBe(`1,consult,"'=cmd|""x""",Sales,5,4,0.2,7200,10800`);
    expect(moments[2]).toBe('2,first_response,form,Sales,3,0,1,,');
  });

  it('opens the satisfaction area as a tab', async () => {
    const { user, router } = renderJourneys();
    await screen.findByTestId('journeys-figure-conversations');
    await user.click(screen.getByTestId('journeys-area-satisfaction'));
    expect(router.state.location.pathname).toBe('/journeys/satisfaction');
    expect(screen.getByTestId('journeys-area-satisfaction')).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(screen.queryByTestId('journeys')).not.toBeInTheDocument();
  });
});
