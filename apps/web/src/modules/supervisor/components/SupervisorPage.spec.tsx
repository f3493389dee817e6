import { act, screen, waitFor, within } from '@testing-library/react';
import {
  REALTIME_EVENTS,
  type BoardHandoffDto,
  type BoardTeamDto,
  type SupervisorBoardDto,
} from '@touchpoint/shared';
import { installApi } from '../../../../test/fake-api';
import type { FakeSocket } from '../../../../test/fake-socket';
import { jsonResponse } from '../../../../test/fetch-mock';
import { signIn, userWithRole } from '../../../../test/fixtures';
import { inboxRoutes, serverPush } from '../../../../test/inbox-app';
import { minutesAgo, uuid } from '../../../../test/inbox-fixtures';
import { renderApp } from '../../../../test/render-app';

const SAM = userWithRole('supervisor');
const SERVICE = { id: uuid(1, '7e000000'), name: 'Service' };
const SALES = { id: uuid(2, '7e000000'), name: 'Sales' };
const BILLING = { id: uuid(3, '7e000000'), name: 'Billing' };
const CLARA = { id: uuid(1, 'a9000000'), name: 'Clara Sales' };
const EVA = { id: uuid(2, 'a9000000'), name: 'Eva Service' };

function tile(team: { id: string; name: string }, over: Partial<BoardTeamDto> = {}): BoardTeamDto {
  return {
    ...team,
    unassigned: 0,
    oldestWaitingSince: null,
    waiting: [],
    owned: 0,
    slaAtRisk: 0,
    slaBreached: 0,
    handoffsWaiting: 0,
    handoffsUnanswered: 0,
    handoffsAtRisk: 0,
    handoffsBreached: 0,
    members: { online: 1, away: 0, offline: 1 },
    ...over,
  };
}

/** Service has asked Sales about chairs 40 minutes ago; nobody accepted; it is overdue. */
const CHAIRS: BoardHandoffDto = {
  id: uuid(1, 'ab000000'),
  conversationId: uuid(1, 'c0000000'),
  contactName: 'Clara Customer',
  kind: 'consult',
  status: 'requested',
  fromTeam: SERVICE,
  toTeam: SALES,
  assignee: null,
  requestedBy: EVA,
  createdAt: minutesAgo(40),
  acceptedAt: null,
  dueAt: minutesAgo(25),
  risk: 'breached',
  lastNudgedAt: null,
};

function boardDto(over: Partial<SupervisorBoardDto> = {}): SupervisorBoardDto {
  return {
    at: new Date().toISOString(),
    teams: [
      tile(BILLING),
      tile(SERVICE, {
        unassigned: 2,
        oldestWaitingSince: minutesAgo(12),
        owned: 5,
        slaAtRisk: 1,
        waiting: [
          {
            id: uuid(7, 'c0000000'),
            contactName: 'David Doe',
            subject: 'Broken delivery',
            channelKind: 'email',
            priority: 'normal',
            waitingSince: minutesAgo(12),
            createdAt: minutesAgo(12),
            // Due in three minutes.
            sla: { metric: 'first_response', dueAt: minutesAgo(-3), risk: 'at_risk' },
          },
        ],
      }),
      tile(SALES, { handoffsWaiting: 1, handoffsBreached: 1, slaBreached: 1 }),
    ],
    sla: [
      {
        id: uuid(8, 'c0000000'),
        contactName: 'Erik Example',
        subject: 'Refund',
        team: SALES,
        owner: CLARA,
        sla: { metric: 'resolution', dueAt: minutesAgo(5), risk: 'breached' },
      },
    ],
    flow: [
      {
        fromTeam: SERVICE,
        toTeam: SALES,
        waiting: 1,
        oldestWaitingSince: minutesAgo(40),
        unanswered: 0,
        oldestAcceptedAt: null,
        breached: 1,
      },
    ],
    handoffs: [CHAIRS],
    agents: [
      {
        id: CLARA.id,
        name: CLARA.name,
        role: 'agent',
        teamIds: [SALES.id],
        presence: 'away',
        open: 3,
        capacity: 3,
        handoffs: 0,
      },
      {
        id: EVA.id,
        name: EVA.name,
        role: 'agent',
        teamIds: [SERVICE.id],
        presence: 'online',
        open: 5,
        capacity: 10,
        handoffs: 0,
      },
    ],
    ...over,
  };
}

async function renderBoard(board: () => SupervisorBoardDto, extra = {}) {
  signIn();
  const network = installApi(
    inboxRoutes({ 'GET /api/supervisor/queues': () => board(), ...extra }, SAM),
  );
  const app = renderApp('/supervisor');
  await screen.findByTestId('page-supervisor');
  const socket: FakeSocket | undefined = app.sockets[0];
  if (!socket) throw new Error('the app opened no socket');
  act(() => socket.accept());
  await screen.findByTestId('board-teams');
  return { ...app, network, socket };
}

describe('Supervisor board', () => {
  it('shows the team tiles most urgent first, red for an overdue request', async () => {
    await renderBoard(() => boardDto());
    const tiles = screen.getAllByTestId('board-team');
    expect(tiles.map((t) => within(t).getByRole('heading').textContent)).toEqual([
      'Sales',
      'Service',
      'Billing',
    ]);
    expect(tiles[0]).toHaveAttribute('data-severity', 'breached');
    expect(tiles[0]).toHaveTextContent('Overdue');
    expect(tiles[0]).toHaveTextContent('Asked of the team: 1 waiting, 0 accepted and not answered');
    const service = tiles[1]!;
    expect(within(service).getByTestId('team-unassigned')).toHaveTextContent('2');
    expect(within(service).getByTestId('team-oldest-wait')).toHaveTextContent('12 min');
    expect(within(service).getByTestId('team-members')).toHaveTextContent(
      '1 online · 0 away · 1 offline',
    );
    expect(within(service).getByTestId('waiting-conversation')).toHaveTextContent(
      'David Doe · Broken delivery',
    );
  });

  it('shows who waits on whom between teams, and the people with their load', async () => {
    await renderBoard(() => boardDto());
    const pair = screen.getByTestId('flow-pair');
    expect(pair).toHaveTextContent('Service → Sales');
    expect(pair).toHaveTextContent('1 waiting for acceptance (longest 40 min) · 1 overdue');
    const agents = screen.getAllByTestId('board-agent');
    expect(agents[0]).toHaveAttribute('data-presence', 'away');
    expect(within(agents[0]!).getByTestId('agent-load')).toHaveTextContent('3 of 3');
    expect(within(agents[0]!).getByTestId('agent-load')).toHaveClass('tp-board-agents__full');
    expect(within(agents[1]!).getByTestId('agent-load')).toHaveTextContent('5 of 10');
  });

  it('nudges whoever holds a consult, and says when it is too soon', async () => {
    let nudged = false;
    const { user, network } = await renderBoard(
      () => boardDto({ handoffs: [{ ...CHAIRS, lastNudgedAt: nudged ? minutesAgo(0) : null }] }),
      {
        'POST /api/handoffs/:id/nudge': () => {
          if (nudged)
            return jsonResponse(409, {
              statusCode: 409,
              code: 'handoffs.nudged_recently',
              message: 'Its holder was reminded a moment ago; you can nudge again in 5 minutes',
            });
          nudged = true;
          return { id: CHAIRS.id };
        },
      },
    );
    const row = screen.getByTestId('board-handoff');
    expect(row).toHaveAttribute('data-risk', 'breached');
    expect(row).toHaveTextContent('Consult: Service asked Sales');
    expect(row).toHaveTextContent('Waiting 40 min · overdue by 25 min');
    await user.click(within(row).getByRole('button', { name: 'Nudge' }));
    expect(await screen.findByTestId('board-notice')).toHaveTextContent('Sales has been reminded.');
    expect(network.to(`/api/handoffs/${CHAIRS.id}/nudge`)).toHaveLength(1);
    // The board comes back with the nudge: the button waits five minutes.
    await waitFor(() =>
      expect(
        within(screen.getByTestId('board-handoff')).getByRole('button', { name: 'Nudged' }),
      ).toBeDisabled(),
    );
  });

  it('follows the events of the shift: a change fetches the board again', async () => {
    let unassigned = 2;
    const { socket, network } = await renderBoard(() =>
      boardDto({ teams: [tile(SERVICE, { unassigned })] }),
    );
    expect(screen.getByTestId('team-unassigned')).toHaveTextContent('2');
    const before = network.to('/api/supervisor/queues').length;
    unassigned = 1;
    serverPush(socket, REALTIME_EVENTS.queueUpdated, { teamId: SERVICE.id, unassigned: 1 });
    serverPush(socket, REALTIME_EVENTS.queueUpdated, { teamId: SERVICE.id, unassigned: 1 });
    await waitFor(() => expect(screen.getByTestId('team-unassigned')).toHaveTextContent('1'), {
      timeout: 3000,
    });
    // Two events in a burst, one request.
    expect(network.to('/api/supervisor/queues').length).toBe(before + 1);
  });

  it('assigns a waiting conversation with a note, or takes it over', async () => {
    const { user, network } = await renderBoard(() => boardDto(), {
      'POST /api/conversations/:id/handoffs': () => ({ id: uuid(9, 'ab000000') }),
    });
    const waiting = screen.getByTestId('waiting-conversation');
    await user.click(within(waiting).getByRole('button', { name: 'Assign…' }));
    const dialog = await screen.findByTestId('assign-dialog');
    await user.click(within(dialog).getByTestId('assign-submit'));
    expect(within(dialog).getByText('Choose who takes the conversation.')).toBeInTheDocument();
    await user.selectOptions(within(dialog).getByTestId('assign-person'), EVA.id);
    await user.type(within(dialog).getByTestId('assign-note'), 'kurz');
    await user.click(within(dialog).getByTestId('assign-submit'));
    expect(within(dialog).getByTestId('assign-note-error')).toHaveTextContent('at least 10');
    await user.type(within(dialog).getByTestId('assign-note'), ': Lieferung kam beschädigt an');
    await user.click(within(dialog).getByTestId('assign-submit'));
    expect(await screen.findByTestId('board-notice')).toHaveTextContent(
      'The conversation now belongs to Eva Service.',
    );
    const [sent] = network.to(`/api/conversations/${uuid(7, 'c0000000')}/handoffs`);
    expect(sent?.body).toEqual({
      kind: 'transfer',
      userId: EVA.id,
      note: 'kurz: Lieferung kam beschädigt an',
      force: true,
    });
  });

  it('is not there for agents', async () => {
    signIn();
    installApi(inboxRoutes({}));
    renderApp('/supervisor');
    expect(await screen.findByTestId('page-no-access')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Supervisor' })).not.toBeInTheDocument();
  });

  it('lists the conversations past or close to their SLA target, and marks them in the queues', async () => {
    await renderBoard(() => boardDto());
    const overdue = await screen.findByTestId('board-sla-conversation');
    expect(overdue).toHaveAttribute('data-risk', 'breached');
    expect(overdue).toHaveTextContent('Erik Example · Refund');
    expect(overdue).toHaveTextContent('Sales · Clara Sales');
    expect(within(overdue).getByTestId('sla-state')).toHaveTextContent(
      /^Resolution · overdue by 5 min/,
    );
    const service = screen
      .getAllByTestId('board-team')
      .find((t) => t.getAttribute('data-team') === SERVICE.id)!;
    expect(service).toHaveAttribute('data-severity', 'at_risk');
    expect(within(service).getByTestId('team-sla')).toHaveTextContent('SLA: 0 overdue, 1 at risk');
    expect(within(service).getByTestId('waiting-sla')).toHaveTextContent(
      /First response · due in [23] min/,
    );
    // Owned by Clara: a supervisor gives it to someone else from here.
    expect(within(overdue).getByRole('button', { name: 'Reassign…' })).toBeInTheDocument();
  });

  it('says so when every conversation is within its SLA targets', async () => {
    await renderBoard(() => boardDto({ sla: [] }));
    expect(
      await screen.findByText('Every open conversation is within its SLA targets.'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('board-sla')).not.toBeInTheDocument();
  });
});
