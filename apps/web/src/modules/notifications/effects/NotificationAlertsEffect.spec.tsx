import { act, screen, waitFor, within } from '@testing-library/react';
import { REALTIME_EVENTS, type NotificationDto } from '@touchpoint/shared';
import { installApi, type Routes } from '../../../../test/fake-api';
import type { FakeSocket } from '../../../../test/fake-socket';
import { signIn } from '../../../../test/fixtures';
import { BEN_REF } from '../../../../test/handoff-fixtures';
import { inboxRoutes, serverPush } from '../../../../test/inbox-app';
import { CONVERSATION_ID, minutesAgo, uuid } from '../../../../test/inbox-fixtures';
import { renderApp } from '../../../../test/render-app';

/** The browser's Notification, as far as the app uses it: permission, the ask, what was shown. */
class FakeDesktopNotification {
  static permission: NotificationPermission = 'default';
  static answer: NotificationPermission = 'granted';
  static shown: FakeDesktopNotification[] = [];
  static requestPermission = jest.fn(async () => {
    FakeDesktopNotification.permission = FakeDesktopNotification.answer;
    return FakeDesktopNotification.answer;
  });
  onclick: (() => void) | null = null;
  close = jest.fn();
  constructor(
    readonly title: string,
    readonly options: { body: string; tag: string },
  ) {
    FakeDesktopNotification.shown.push(this);
  }
}

/** Web Audio, counting the notes the chime starts. */
let notes = 0;
class FakeAudioContext {
  currentTime = 0;
  destination = {};
  createOscillator() {
    return {
      frequency: { value: 0 },
      connect: (next: unknown) => next,
      start: () => {
        notes += 1;
      },
      stop: () => undefined,
    };
  }
  createGain() {
    return {
      gain: { setValueAtTime: () => undefined, exponentialRampToValueAtTime: () => undefined },
      connect: (next: unknown) => next,
    };
  }
}

function notificationDto(overrides: Partial<NotificationDto>): NotificationDto {
  return {
    id: uuid(1, 'fe000000'),
    kind: 'suggestion.waiting',
    conversationId: CONVERSATION_ID,
    handoffId: null,
    actor: BEN_REF,
    handoff: null,
    contactName: 'Clara Customer',
    text: 'Delivery of 20 chairs is free of charge.',
    readAt: null,
    createdAt: minutesAgo(0),
    ...overrides,
  };
}

async function renderAccount(routes: Routes = {}) {
  signIn();
  installApi(
    inboxRoutes({ 'GET /api/notifications': () => ({ items: [], unreadCount: 0 }), ...routes }),
  );
  const app = renderApp('/account');
  await screen.findByTestId('alert-settings');
  const socket: FakeSocket | undefined = app.sockets[0];
  if (!socket) throw new Error('the app opened no socket');
  act(() => socket.accept());
  // The bell has loaded its list: what arrives from now on is new.
  await waitFor(() => expect(screen.getByTestId('notifications-bell')).toBeInTheDocument());
  return { ...app, socket };
}

const push = (socket: FakeSocket, notification: NotificationDto) =>
  serverPush(socket, REALTIME_EVENTS.notificationCreated, { notification });

describe('desktop and sound alerts', () => {
  beforeEach(() => {
    FakeDesktopNotification.permission = 'default';
    FakeDesktopNotification.answer = 'granted';
    FakeDesktopNotification.shown = [];
    FakeDesktopNotification.requestPermission.mockClear();
    notes = 0;
    Object.assign(window, {
      Notification: FakeDesktopNotification,
      AudioContext: FakeAudioContext,
    });
    jest.spyOn(document, 'hasFocus').mockReturnValue(false); // Touchpoint is in the background
    jest.spyOn(window, 'focus').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('are off until switched on', async () => {
    const { socket } = await renderAccount();
    const settings = screen.getByTestId('alert-settings');
    expect(
      within(settings).getByRole('checkbox', { name: /Desktop notifications/ }),
    ).not.toBeChecked();
    expect(within(settings).getByRole('checkbox', { name: /Play a sound/ })).not.toBeChecked();

    push(socket, notificationDto({ kind: 'mention' }));
    await waitFor(() => expect(screen.getByTestId('notifications-bell')).toHaveTextContent('1'));
    expect(FakeDesktopNotification.shown).toEqual([]);
    expect(notes).toBe(0);
  });

  it('once on, notify of a waiting suggestion, a mention and an assigned conversation, nothing else', async () => {
    const { user, socket, router } = await renderAccount();
    await user.click(screen.getByRole('checkbox', { name: /Desktop notifications/ }));
    expect(FakeDesktopNotification.requestPermission).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('checkbox', { name: /Desktop notifications/ })).toBeChecked();
    await user.click(screen.getByRole('checkbox', { name: /Play a sound/ }));
    expect(notes).toBe(2); // a preview of the chime
    expect(JSON.parse(window.localStorage.getItem('touchpoint.alerts') ?? '{}')).toEqual({
      desktop: true,
      sound: true,
    });

    push(socket, notificationDto({ id: uuid(1, 'fe000000') }));
    await waitFor(() => expect(FakeDesktopNotification.shown).toHaveLength(1));
    const [suggestion] = FakeDesktopNotification.shown;
    expect(suggestion?.title).toBe('Ben Busy drafted a reply for you to send');
    expect(suggestion?.options).toEqual({
      body: 'Clara Customer · Delivery of 20 chairs is free of charge.',
      tag: uuid(1, 'fe000000'),
    });
    expect(notes).toBe(4);

    push(socket, notificationDto({ id: uuid(2, 'fe000000'), kind: 'handoff.declined' }));
    push(
      socket,
      notificationDto({
        id: uuid(3, 'fe000000'),
        kind: 'conversation.assigned',
        actor: null,
        contactName: null,
      }),
    );
    await waitFor(() => expect(FakeDesktopNotification.shown).toHaveLength(2));
    expect(FakeDesktopNotification.shown[1]?.title).toBe('Conversation assigned to you');
    expect(FakeDesktopNotification.shown[1]?.options.body).toBe(
      'Visitor from the website · Delivery of 20 chairs is free of charge.',
    );
    expect(notes).toBe(6); // the declined consult made no sound

    // Clicking one opens its conversation.
    act(() => suggestion?.onclick?.());
    expect(router.state.location.pathname).toBe(`/inbox/${CONVERSATION_ID}`);
  });

  it('stay off, saying how to allow them, when the browser refuses', async () => {
    FakeDesktopNotification.answer = 'denied';
    const { user, socket } = await renderAccount();
    await user.click(screen.getByRole('checkbox', { name: /Desktop notifications/ }));
    expect(screen.getByRole('checkbox', { name: /Desktop notifications/ })).not.toBeChecked();
    expect(screen.getByTestId('alert-desktop-denied')).toHaveTextContent(
      'Your browser blocks notifications from Touchpoint',
    );
    push(socket, notificationDto({ kind: 'mention' }));
    await waitFor(() => expect(screen.getByTestId('notifications-bell')).toHaveTextContent('1'));
    expect(FakeDesktopNotification.shown).toEqual([]);
  });
});
