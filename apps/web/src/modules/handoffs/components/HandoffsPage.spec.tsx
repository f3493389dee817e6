import { act, screen, waitFor, within } from '@testing-library/react';
import { REALTIME_EVENTS, type HandoffDto } from '@touchpoint/shared';
import type { Routes } from '../../../../test/fake-api';
import type { FakeSocket } from '../../../../test/fake-socket';
import { signIn } from '../../../../test/fixtures';
import { deferred, installApi } from '../../../../test/fake-api';
import {
  ANNA_REF,
  BEN_REF,
  SERVICE,
  handoffDto,
  minutesFromNow,
} from '../../../../test/handoff-fixtures';
import { inboxRoutes, serverPush } from '../../../../test/inbox-app';
import { conversationDto, minutesAgo, uuid } from '../../../../test/inbox-fixtures';
import { renderApp } from '../../../../test/render-app';

const CLARA_CONVERSATION = uuid(1, 'c0000000');
const DAVID_CONVERSATION = uuid(2, 'c0000000');

/** Ben asks Anna's team, Service, about Clara's chairs. */
const CHAIRS = handoffDto({
  id: uuid(1, 'ab000000'),
  conversationId: CLARA_CONVERSATION,
  team: SERVICE,
  requestedBy: BEN_REF,
  note: 'Clara wants 20 chairs with a discount. I promised an answer by Friday; she prefers phone.',
  acceptDueAt: minutesFromNow(12.5),
});
/** Ben asks Anna personally to take David's conversation over; it is overdue. */
const DELIVERY = handoffDto({
  id: uuid(2, 'ab000000'),
  conversationId: DAVID_CONVERSATION,
  conversation: { contactName: 'David Doe', subject: 'Broken delivery', channel: null },
  kind: 'transfer',
  team: null,
  assignee: ANNA_REF,
  requestedBy: BEN_REF,
  note: 'David asks about a broken delivery, needs someone from logistics.',
  acceptDueAt: minutesAgo(4),
  breached: true,
});

function handoffRoutes(queue: () => HandoffDto[], overrides: Routes = {}): Routes {
  return inboxRoutes({
    'GET /api/handoffs': (request) => (request.query.get('view') === 'queue' ? queue() : []),
    'GET /api/conversations/:id': (request) =>
      request.params['id'] === DAVID_CONVERSATION
        ? conversationDto({
            id: DAVID_CONVERSATION,
            contact: { id: uuid(2, 'ca000000'), name: 'David Doe' },
            subject: 'Broken delivery',
          })
        : conversationDto(),
    ...overrides,
  });
}

async function renderHandoffs(path: string, routes: Routes) {
  signIn();
  const network = installApi(routes);
  const app = renderApp(path);
  await screen.findByTestId('page-handoffs');
  const socket: FakeSocket | undefined = app.sockets[0];
  if (!socket) throw new Error('the app opened no socket');
  act(() => socket.accept());
  return { ...app, network, socket };
}

function rows(): HTMLElement[] {
  return screen.queryAllByTestId('handoff-row');
}

describe('Handoffs page', () => {
  it('lists the queue: conversation, kind, whom, note excerpt, deadline and the steps', async () => {
    await renderHandoffs(
      '/handoffs',
      handoffRoutes(() => [CHAIRS, DELIVERY]),
    );

    await waitFor(() => expect(rows()).toHaveLength(2));
    const [chairs, delivery] = rows() as [HTMLElement, HTMLElement];
    // Waiting for Anna: she reads the summary; the conversation opens once she accepts.
    expect(within(chairs).getByTestId('handoff-conversation')).not.toHaveAttribute('href');
    expect(within(chairs).getByTestId('handoff-conversation')).toHaveAttribute(
      'title',
      'Accept to open the conversation',
    );
    await waitFor(() =>
      expect(within(chairs).getByTestId('handoff-conversation')).toHaveTextContent(
        'Clara Customer · Offer for 20 chairs',
      ),
    );
    expect(chairs).toHaveTextContent('Consult');
    expect(chairs).toHaveTextContent('Service');
    expect(within(chairs).getByTestId('handoff-note')).toHaveTextContent(
      'Clara wants 20 chairs with a discount.',
    );
    expect(within(chairs).getByTestId('handoff-sla')).toHaveTextContent('Accept within 12 min');
    expect(within(chairs).getByRole('button', { name: 'Accept' })).toBeInTheDocument();
    expect(within(chairs).getByRole('button', { name: 'Decline' })).toBeInTheDocument();

    await waitFor(() =>
      expect(within(delivery).getByTestId('handoff-conversation')).toHaveTextContent(
        'David Doe · Broken delivery',
      ),
    );
    expect(delivery).toHaveTextContent('Transfer');
    expect(within(delivery).getByTestId('handoff-sla')).toHaveTextContent(
      'Acceptance overdue by 4 min',
    );
    expect(within(delivery).getByTestId('handoff-breached')).toBeInTheDocument();
    expect(within(delivery).getByRole('button', { name: 'Accept and take over' })).toBeEnabled();
    expect(screen.getByRole('tab', { name: /Queue/ })).toHaveAttribute('aria-selected', 'true');
  });

  it('shows a new handoff when handoff.created arrives', async () => {
    let queue: HandoffDto[] = [CHAIRS];
    const { socket } = await renderHandoffs(
      '/handoffs',
      handoffRoutes(() => queue),
    );
    await waitFor(() => expect(rows()).toHaveLength(1));

    queue = [CHAIRS, DELIVERY];
    serverPush(socket, REALTIME_EVENTS.handoffCreated, {
      conversationId: DELIVERY.conversationId,
      handoff: DELIVERY,
    });

    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows()[1]).toHaveAttribute('data-handoff-id', DELIVERY.id);
  });

  it('drops a handoff someone else accepted, as soon as handoff.updated says so', async () => {
    const slowServer = deferred<Response>();
    let calls = 0;
    const { socket, network } = await renderHandoffs(
      '/handoffs',
      handoffRoutes(() => [CHAIRS], {
        'GET /api/handoffs': () => {
          calls += 1;
          return calls === 1 ? [CHAIRS] : slowServer.promise;
        },
      }),
    );
    await waitFor(() => expect(rows()).toHaveLength(1));

    serverPush(socket, REALTIME_EVENTS.handoffUpdated, {
      conversationId: CHAIRS.conversationId,
      handoff: { ...CHAIRS, status: 'accepted', assignee: BEN_REF },
    });

    // The event alone takes it out; the list is asked again, and that answer is still on its way.
    await waitFor(() => expect(rows()).toHaveLength(0));
    expect(network.to('/api/handoffs')).toHaveLength(2);
  });

  it('accepts from the list and says where it went', async () => {
    let queue: HandoffDto[] = [CHAIRS];
    const { user, network } = await renderHandoffs(
      '/handoffs',
      handoffRoutes(() => queue, {
        'POST /api/handoffs/:id/accept': () => {
          queue = [];
          return { ...CHAIRS, status: 'accepted', assignee: ANNA_REF };
        },
      }),
    );
    await waitFor(() => expect(rows()).toHaveLength(1));

    await user.click(within(rows()[0] as HTMLElement).getByRole('button', { name: 'Accept' }));

    const feedback = await screen.findByTestId('handoff-feedback');
    expect(feedback).toHaveTextContent('Accepted. You find it under Mine.');
    expect(within(feedback).getByRole('link', { name: 'Open conversation' })).toHaveAttribute(
      'href',
      `/inbox/${CLARA_CONVERSATION}`,
    );
    expect(network.to(`/api/handoffs/${CHAIRS.id}/accept`)).toHaveLength(1);
    // It left the queue, but stays in sight as accepted, its conversation one click away.
    await waitFor(() => expect(network.to('/api/handoffs')).toHaveLength(2));
    expect(rows()).toHaveLength(1);
    const row = rows()[0] as HTMLElement;
    expect(row).toHaveAttribute('data-status', 'accepted');
    expect(within(row).getByTestId('handoff-conversation')).toHaveAttribute(
      'href',
      `/inbox/${CLARA_CONVERSATION}`,
    );

    // Another view and back: the queue shows only what still waits.
    await user.click(screen.getByRole('tab', { name: /Mine/ }));
    await user.click(screen.getByRole('tab', { name: /Queue/ }));
    expect(await screen.findByTestId('handoff-list-empty')).toBeInTheDocument();
  });

  it('switches between Queue, Mine and Requested', async () => {
    const mine = { ...CHAIRS, status: 'accepted' as const, assignee: ANNA_REF };
    const { user, network, router } = await renderHandoffs(
      '/handoffs',
      handoffRoutes(() => [], {
        'GET /api/handoffs': (request) => (request.query.get('view') === 'mine' ? [mine] : []),
      }),
    );
    expect(await screen.findByTestId('handoff-list-empty')).toHaveTextContent(
      'Nothing waits for you or your teams.',
    );

    await user.click(screen.getByRole('tab', { name: /Mine/ }));

    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(router.state.location.search).toBe('?view=mine');
    expect(screen.getByRole('tab', { name: /Mine/ })).toHaveAttribute('aria-selected', 'true');
    expect(
      within(rows()[0] as HTMLElement).getByRole('button', { name: 'Complete' }),
    ).toBeVisible();
    // Accepted: the conversation is hers to open now.
    expect(within(rows()[0] as HTMLElement).getByTestId('handoff-conversation')).toHaveAttribute(
      'href',
      `/inbox/${CLARA_CONVERSATION}`,
    );
    const views = network
      .to('/api/handoffs')
      .map((request) => new URLSearchParams(request.url.split('?')[1]).get('view'));
    expect(views).toContain('mine');

    await user.keyboard('{ArrowRight}');
    expect(router.state.location.search).toBe('?view=requested');
    expect(screen.getByRole('tab', { name: /Requested/ })).toHaveFocus();
    expect(await screen.findByTestId('handoff-list-empty')).toHaveTextContent(
      'You have no open requests.',
    );
  });

  it('is in the navigation, and the inbox links to it with the queue count', async () => {
    const { user } = await renderHandoffs(
      '/handoffs',
      handoffRoutes(() => [CHAIRS, DELIVERY]),
    );
    await user.click(screen.getByRole('link', { name: 'Inbox' }));
    const link = await screen.findByTestId('inbox-handoffs');
    await waitFor(() => expect(link).toHaveTextContent('Handoff queue2, 2 handoffs'));
    await user.click(link);
    expect(await screen.findByTestId('page-handoffs')).toBeInTheDocument();
  });
});
