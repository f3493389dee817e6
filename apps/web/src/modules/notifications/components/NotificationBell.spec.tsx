import { act, screen, waitFor, within } from '@testing-library/react';
import {
  REALTIME_EVENTS,
  type NotificationDto,
  type NotificationListDto,
} from '@touchpoint/shared';
import { installApi, type Routes } from '../../../../test/fake-api';
import type { FakeSocket } from '../../../../test/fake-socket';
import { apiError } from '../../../../test/fetch-mock';
import { signIn } from '../../../../test/fixtures';
import { BEN_REF, SVEN_REF } from '../../../../test/handoff-fixtures';
import { inboxRoutes, serverPush } from '../../../../test/inbox-app';
import { CONVERSATION_ID, minutesAgo, uuid } from '../../../../test/inbox-fixtures';
import { renderApp } from '../../../../test/render-app';
import { LOCALE_STORAGE_KEY } from '../../../lib/i18n';

const EVA = { id: uuid(10, 'ee000000'), name: 'Eva Example' };
const OTHER_CONVERSATION = uuid(7, 'c0000000');

function notificationDto(overrides: Partial<NotificationDto> = {}): NotificationDto {
  return {
    id: uuid(1, 'fe000000'),
    kind: 'mention',
    conversationId: CONVERSATION_ID,
    handoffId: null,
    actor: BEN_REF,
    handoff: null,
    contactName: 'Clara Customer',
    text: '@anna could you call Clara back about the chairs?',
    readAt: null,
    createdAt: minutesAgo(5),
    ...overrides,
  };
}

/** One of every kind, newest first; the answered consult was read already. */
const EVERY_KIND: NotificationDto[] = [
  notificationDto({ id: uuid(1, 'fe000000'), kind: 'mention', createdAt: minutesAgo(1) }),
  notificationDto({
    id: uuid(2, 'fe000000'),
    kind: 'team_mention',
    actor: SVEN_REF,
    text: '@service who knows the delivery times?',
    createdAt: minutesAgo(2),
  }),
  notificationDto({
    id: uuid(3, 'fe000000'),
    kind: 'handoff.requested',
    actor: EVA,
    handoffId: uuid(1, 'ab000000'),
    text: 'Clara wants 20 chairs with a discount; I promised an answer by Friday.',
    createdAt: minutesAgo(3),
  }),
  notificationDto({
    id: uuid(4, 'fe000000'),
    kind: 'handoff.accepted',
    actor: SVEN_REF,
    createdAt: minutesAgo(4),
  }),
  notificationDto({
    id: uuid(5, 'fe000000'),
    kind: 'handoff.declined',
    actor: SVEN_REF,
    text: 'Not our product line.',
    createdAt: minutesAgo(5),
  }),
  notificationDto({
    id: uuid(6, 'fe000000'),
    kind: 'handoff.completed',
    actor: SVEN_REF,
    text: '10% is fine for 20 chairs, delivery in two weeks.',
    readAt: minutesAgo(1),
    createdAt: minutesAgo(6),
  }),
  notificationDto({
    id: uuid(7, 'fe000000'),
    kind: 'handoff.escalated',
    actor: null,
    text: 'Clara wants 20 chairs with a discount.',
    createdAt: minutesAgo(7),
  }),
  notificationDto({
    id: uuid(8, 'fe000000'),
    kind: 'conversation.assigned',
    actor: null,
    text: '',
    conversationId: OTHER_CONVERSATION,
    createdAt: minutesAgo(8),
  }),
  notificationDto({
    id: uuid(9, 'fe000000'),
    kind: 'conversation.assigned',
    actor: { id: uuid(11, 'ee000000'), name: 'Sam Supervisor' },
    text: '',
    createdAt: minutesAgo(9),
  }),
];

/** The notifications endpoints as the API behaves: every answer is the list as it is now. */
function notificationServer(initial: NotificationDto[]) {
  let items = [...initial];
  const list = (): NotificationListDto => ({
    items: [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    unreadCount: items.filter((item) => item.readAt === null).length,
  });
  const routes: Routes = {
    'GET /api/notifications': () => list(),
    'POST /api/notifications/:id/read': ({ params }) => {
      if (!items.some((item) => item.id === params['id'])) {
        return apiError(404, 'notification.not_found', 'Notification not found');
      }
      items = items.map((item) =>
        item.id === params['id']
          ? { ...item, readAt: item.readAt ?? new Date().toISOString() }
          : item,
      );
      return list();
    },
    'POST /api/notifications/read-all': () => {
      items = items.map((item) => ({ ...item, readAt: item.readAt ?? new Date().toISOString() }));
      return list();
    },
  };
  return {
    routes,
    list,
    /** A notification is created on the server (its event is pushed separately). */
    add: (notification: NotificationDto) => {
      items = [...items, notification];
    },
  };
}

async function renderBell(routes: Routes, path = '/inbox') {
  signIn();
  const network = installApi(inboxRoutes(routes));
  const app = renderApp(path);
  await screen.findByTestId('app-shell');
  const socket: FakeSocket | undefined = app.sockets[0];
  if (!socket) throw new Error('the app opened no socket');
  act(() => socket.accept());
  return { ...app, network, socket };
}

const bell = () => screen.getByTestId('notifications-bell');
/** The `index`th notification of the open panel. */
function item(index: number): HTMLElement {
  const found = items()[index];
  if (!found) throw new Error(`no notification #${index}`);
  return found;
}
const items = () =>
  within(screen.getByTestId('notifications-panel')).getAllByTestId('notification');
const sentences = () =>
  items().map((item) => within(item).getByTestId('notification-sentence').textContent);

describe('Notification bell', () => {
  afterEach(() => {
    document.title = '';
  });

  it('shows the unread count on the bell, in its name and in the page title', async () => {
    document.title = 'Touchpoint';
    const server = notificationServer(EVERY_KIND);
    await renderBell(server.routes);

    await waitFor(() => expect(screen.getByTestId('notifications-badge')).toHaveTextContent('8'));
    expect(screen.getByRole('button', { name: 'Notifications, 8 unread' })).toBe(bell());
    expect(bell()).toHaveAttribute('aria-expanded', 'false');
    expect(document.title).toBe('(8) Touchpoint');
  });

  it('caps the badge at 99+', async () => {
    const many = Array.from({ length: 120 }, (_, index) =>
      notificationDto({ id: uuid(index + 1, 'fd000000'), createdAt: minutesAgo(index + 1) }),
    );
    await renderBell(notificationServer(many).routes);

    await waitFor(() => expect(screen.getByTestId('notifications-badge')).toHaveTextContent('99+'));
    expect(bell()).toHaveAccessibleName('Notifications, 120 unread');
  });

  it('lists every kind newest first: who, what happened, the excerpt, when, unread or not', async () => {
    const { user } = await renderBell(notificationServer(EVERY_KIND).routes);
    await waitFor(() => expect(screen.getByTestId('notifications-badge')).toBeInTheDocument());

    await user.click(bell());

    const panel = screen.getByRole('dialog', { name: 'Notifications' });
    expect(panel).toHaveFocus();
    expect(bell()).toHaveAttribute('aria-expanded', 'true');
    expect(within(panel).getByText('8 unread')).toBeInTheDocument();
    expect(sentences()).toEqual([
      'Ben Busy mentioned you',
      'Sven Sales mentioned your team',
      'Eva Example asked for help',
      'Sven Sales accepted your request',
      'Sven Sales declined your request',
      'Sven Sales answered your consult',
      'Request overdue — escalated',
      'Conversation assigned to you',
      'Sam Supervisor assigned a conversation to you',
    ]);
    const [mention, asked, declined, answered, escalated, assigned] = [0, 2, 4, 5, 6, 7].map(item);
    expect(within(asked).getByTestId('notification-excerpt')).toHaveTextContent(
      'Clara wants 20 chairs with a discount; I promised an answer by Friday.',
    );
    expect(within(declined).getByTestId('notification-excerpt')).toHaveTextContent(
      'Not our product line.',
    );
    expect(within(answered).getByTestId('notification-excerpt')).toHaveTextContent(
      '10% is fine for 20 chairs, delivery in two weeks.',
    );
    expect(within(assigned).queryByTestId('notification-excerpt')).not.toBeInTheDocument();
    expect(mention).toHaveTextContent('1 min');
    expect(mention).toHaveAttribute('data-unread', 'true');
    expect(within(mention).getByRole('link')).toHaveAccessibleName(/, unread$/);
    expect(within(mention).getByRole('link')).toHaveAttribute('href', `/inbox/${CONVERSATION_ID}`);
    expect(answered).toHaveAttribute('data-unread', 'false');
    expect(within(answered).getByRole('link')).not.toHaveAccessibleName(/unread/);
    expect(escalated).toHaveAttribute('data-kind', 'handoff.escalated');
  });

  it('speaks German', async () => {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, 'de');
    const { user } = await renderBell(notificationServer(EVERY_KIND).routes);
    await waitFor(() => expect(bell()).toHaveAccessibleName('Benachrichtigungen, 8 ungelesen'));

    await user.click(bell());

    expect(screen.getByRole('dialog', { name: 'Benachrichtigungen' })).toBeInTheDocument();
    expect(sentences()).toEqual([
      'Ben Busy hat Sie erwähnt',
      'Sven Sales hat Ihr Team erwähnt',
      'Eva Example bittet um Hilfe',
      'Sven Sales hat Ihre Anfrage angenommen',
      'Sven Sales hat Ihre Anfrage abgelehnt',
      'Sven Sales hat Ihre Anfrage beantwortet',
      'Anfrage überfällig – eskaliert',
      'Konversation wurde Ihnen zugewiesen',
      'Sam Supervisor hat Ihnen eine Konversation zugewiesen',
    ]);
    expect(items()[0]).toHaveTextContent('vor 1 Min.');
    expect(screen.getByRole('button', { name: 'Alle als gelesen markieren' })).toBeEnabled();
  });

  it('opens the conversation of a chosen notification and marks it read', async () => {
    const server = notificationServer(EVERY_KIND);
    const { user, network, router } = await renderBell(server.routes, '/handoffs');
    await waitFor(() => expect(screen.getByTestId('notifications-badge')).toHaveTextContent('8'));
    await user.click(bell());

    const assigned = item(7);
    await user.click(within(assigned).getByRole('link'));

    expect(router.state.location.pathname).toBe(`/inbox/${OTHER_CONVERSATION}`);
    expect(screen.queryByTestId('notifications-panel')).not.toBeInTheDocument();
    await waitFor(() =>
      expect(network.to(`/api/notifications/${uuid(8, 'fe000000')}/read`)).toHaveLength(1),
    );
    expect(network.to(`/api/notifications/${uuid(8, 'fe000000')}/read`)[0]?.method).toBe('POST');
    await waitFor(() => expect(screen.getByTestId('notifications-badge')).toHaveTextContent('7'));

    await user.click(bell());
    expect(items()[7]).toHaveAttribute('data-unread', 'false');
    expect(items()[0]).toHaveAttribute('data-unread', 'true');
  });

  it('does not send a read request again for a notification that was read already', async () => {
    const { user, network } = await renderBell(notificationServer(EVERY_KIND).routes);
    await waitFor(() => expect(screen.getByTestId('notifications-badge')).toBeInTheDocument());
    await user.click(bell());

    await user.click(within(item(5)).getByRole('link'));

    expect(network.requests.filter((request) => request.method === 'POST')).toEqual([]);
  });

  it('marks all as read', async () => {
    document.title = 'Touchpoint';
    const { user, network } = await renderBell(notificationServer(EVERY_KIND).routes);
    await waitFor(() => expect(screen.getByTestId('notifications-badge')).toBeInTheDocument());
    await user.click(bell());

    await user.click(screen.getByRole('button', { name: 'Mark all as read' }));

    await waitFor(() => expect(network.to('/api/notifications/read-all')).toHaveLength(1));
    await waitFor(() =>
      expect(items().map((item) => item.dataset['unread'])).toEqual(Array(9).fill('false')),
    );
    expect(screen.queryByTestId('notifications-badge')).not.toBeInTheDocument();
    expect(bell()).toHaveAccessibleName('Notifications');
    expect(screen.getByRole('button', { name: 'Mark all as read' })).toBeDisabled();
    expect(screen.getByTestId('notifications-panel')).toHaveFocus();
    expect(document.title).toBe('Touchpoint');
  });

  it('shows the error when marking all as read fails, and the server state again', async () => {
    const server = notificationServer(EVERY_KIND);
    const { user } = await renderBell({
      ...server.routes,
      'POST /api/notifications/read-all': () => apiError(500, 'internal', 'Internal error'),
    });
    await waitFor(() => expect(screen.getByTestId('notifications-badge')).toBeInTheDocument());
    await user.click(bell());

    await user.click(screen.getByRole('button', { name: 'Mark all as read' }));

    expect(
      await screen.findByText("Couldn't mark your notifications as read."),
    ).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('notifications-badge')).toHaveTextContent('8'));
  });

  it('puts a live notification in front and counts it, once however often it arrives', async () => {
    const server = notificationServer(EVERY_KIND.slice(1, 2));
    const { user, socket } = await renderBell(server.routes);
    await waitFor(() => expect(screen.getByTestId('notifications-badge')).toHaveTextContent('1'));
    await user.click(bell());

    const fresh = notificationDto({
      id: uuid(42, 'fe000000'),
      kind: 'handoff.requested',
      actor: EVA,
      text: 'Can someone from Sales take this?',
      createdAt: new Date().toISOString(),
    });
    server.add(fresh);
    serverPush(socket, REALTIME_EVENTS.notificationCreated, { notification: fresh });
    serverPush(socket, REALTIME_EVENTS.notificationCreated, { notification: fresh });

    await waitFor(() =>
      expect(sentences()).toEqual(['Eva Example asked for help', 'Sven Sales mentioned your team']),
    );
    expect(items()[0]).toHaveTextContent('now');
    expect(screen.getByTestId('notifications-badge')).toHaveTextContent('2');
    expect(bell()).toHaveAccessibleName('Notifications, 2 unread');
  });

  it('fetches the list again after a reconnect', async () => {
    const server = notificationServer([]);
    const { network, socket } = await renderBell(server.routes);
    await waitFor(() => expect(network.to('/api/notifications')).toHaveLength(1));

    server.add(notificationDto());
    act(() => socket.drop());
    act(() => socket.accept());

    await waitFor(() => expect(screen.getByTestId('notifications-badge')).toHaveTextContent('1'));
    expect(network.to('/api/notifications')).toHaveLength(2);
  });

  it('closes on Escape with focus back on the bell, and on a click outside', async () => {
    const { user } = await renderBell(notificationServer(EVERY_KIND).routes);
    await user.click(bell());
    expect(screen.getByTestId('notifications-panel')).toBeInTheDocument();

    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('notifications-panel')).not.toBeInTheDocument();
    expect(bell()).toHaveFocus();
    expect(bell()).toHaveAttribute('aria-expanded', 'false');

    await user.click(bell());
    await user.click(within(screen.getByTestId('notifications-panel')).getByRole('heading'));
    expect(screen.getByTestId('notifications-panel')).toBeInTheDocument();
    await user.click(screen.getByTestId('workspace-name'));
    expect(screen.queryByTestId('notifications-panel')).not.toBeInTheDocument();
  });

  it('says so when there is nothing', async () => {
    const { user } = await renderBell(notificationServer([]).routes);
    await user.click(bell());

    expect(await screen.findByTestId('notifications-empty')).toHaveTextContent(
      "You're all caught up",
    );
    expect(screen.queryByTestId('notifications-badge')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Mark all as read' })).toBeDisabled();
  });

  it('shows an error with a way to try again', async () => {
    let fail = true;
    const server = notificationServer([notificationDto()]);
    const { user } = await renderBell({
      ...server.routes,
      'GET /api/notifications': () => (fail ? apiError(403, '', 'Forbidden') : server.list()),
    });
    await user.click(bell());

    expect(await screen.findByText("Your notifications couldn't be loaded.")).toBeInTheDocument();
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));

    await waitFor(() => expect(items()).toHaveLength(1));
    expect(screen.getByTestId('notifications-badge')).toHaveTextContent('1');
  });
});
