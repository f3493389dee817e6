import { screen, waitFor, within } from '@testing-library/react';
import { REALTIME_EVENTS, type ConversationSummaryDto } from '@touchpoint/shared';
import { userDto, userWithRole } from '../../../../test/fixtures';
import {
  conversationDto,
  conversationSummary,
  minutesAgo,
  uuid,
} from '../../../../test/inbox-fixtures';
import { ANNA, inboxRoutes, renderInbox, serverPush } from '../../../../test/inbox-app';

const CLARA = conversationSummary({
  id: uuid(1),
  contact: { id: uuid(1, 'ca000000'), name: 'Clara Customer' },
  channelKinds: ['email', 'whatsapp'],
  preview: { text: 'Could you send me an offer?', type: 'inbound', at: minutesAgo(5) },
  lastActivityAt: minutesAgo(5),
  unreadCount: 3,
  owner: { id: uuid(8, 'ee000000'), name: 'Ben Busy' },
  status: 'pending',
  lastSeq: 6,
});
const DAVID = conversationSummary({
  id: uuid(2),
  contact: { id: uuid(2, 'ca000000'), name: 'David Doe' },
  channelKinds: ['webchat'],
  preview: { text: 'Checked the stock', type: 'note', at: minutesAgo(40) },
  lastActivityAt: minutesAgo(40),
  lastSeq: 2,
});
const EMMA = conversationSummary({
  id: uuid(3),
  contact: { id: uuid(3, 'ca000000'), name: 'Emma Early' },
  lastActivityAt: minutesAgo(300),
});

function listedNames(): string[] {
  return screen
    .getAllByTestId('conversation-item')
    .map((item) => item.querySelector('.tp-conversation__name')?.textContent ?? '');
}

function listRequests(network: { to(path: string): { url: string }[] }) {
  return network
    .to('/api/conversations')
    .map((request) => new URLSearchParams(request.url.split('?')[1]));
}

describe('Inbox', () => {
  it('lists conversations with channels, preview, age, unread count, owner and status', async () => {
    await renderInbox(
      '/inbox',
      inboxRoutes({
        'GET /api/conversations': () => ({ items: [CLARA, DAVID], nextCursor: null }),
      }),
    );

    await waitFor(() => expect(listedNames()).toEqual(['Clara Customer', 'David Doe']));
    const [clara, david] = screen.getAllByTestId('conversation-item');
    if (!clara || !david) throw new Error('two rows expected');
    expect(clara).toHaveAttribute('href', `/inbox/${CLARA.id}`);
    expect(
      within(clara)
        .getAllByTestId('channel-icon')
        .map((icon) => icon.getAttribute('title')),
    ).toEqual(['Email', 'WhatsApp']);
    expect(clara).toHaveTextContent('Could you send me an offer?');
    expect(within(clara).getByText('5 min')).toBeInTheDocument();
    expect(within(clara).getByTestId('unread-count')).toHaveTextContent('3 unread messages');
    expect(within(clara).getByRole('img', { name: 'Owner: Ben Busy' })).toHaveTextContent('BB');
    expect(within(clara).getByTestId('conversation-status')).toHaveTextContent('Pending');
    expect(david).toHaveTextContent('Note: Checked the stock');
    expect(within(david).getByText('Unassigned')).toBeInTheDocument();
    expect(within(david).queryByTestId('unread-count')).not.toBeInTheDocument();
  });

  it('asks for the open conversations of Mine first, and loads more with the cursor', async () => {
    const { network, user } = await renderInbox(
      '/inbox',
      inboxRoutes({
        'GET /api/conversations': (request) =>
          request.query.get('cursor') === 'after-david'
            ? { items: [EMMA], nextCursor: null }
            : { items: [CLARA, DAVID], nextCursor: 'after-david' },
      }),
    );
    await waitFor(() => expect(listedNames()).toEqual(['Clara Customer', 'David Doe']));
    const first = listRequests(network)[0];
    expect(first?.get('view')).toBe('mine');
    expect(first?.get('status')).toBe('open');
    expect(first?.has('cursor')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Load more' }));

    await waitFor(() =>
      expect(listedNames()).toEqual(['Clara Customer', 'David Doe', 'Emma Early']),
    );
    expect(listRequests(network).map((query) => query.get('cursor'))).toEqual([
      null,
      'after-david',
    ]);
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('shows the views with their counts, a view per team, and All only to supervisors', async () => {
    const twoTeams = userDto({
      teams: [
        { id: uuid(1, 'ee000000'), name: 'Service' },
        { id: uuid(2, 'ee000000'), name: 'Sales' },
      ],
    });
    await renderInbox('/inbox', inboxRoutes({}, twoTeams));
    const views = screen.getByRole('navigation', { name: 'Views' });
    await waitFor(() =>
      expect(within(views).getByRole('button', { name: /^Mine/ })).toHaveTextContent('2'),
    );
    const names = within(views)
      .getAllByRole('button')
      .map((button) => button.textContent);
    expect(names).toEqual([
      'Mine2, 2 conversations',
      'Unassigned3, 3 conversations',
      // The counts have one number for "team": no badge when it cannot say which team.
      'Team Service',
      'Team Sales',
      'Participating1, 1 conversation',
    ]);
    expect(within(views).getByRole('button', { name: /^Mine/ })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('lets supervisors open All', async () => {
    await renderInbox('/inbox', inboxRoutes({}, userWithRole('supervisor')));
    const views = screen.getByRole('navigation', { name: 'Views' });
    expect(await within(views).findByRole('button', { name: /^All/ })).toBeInTheDocument();
    expect(within(views).getByRole('button', { name: /^Team Service/ })).toBeInTheDocument();
  });

  it('asks the API for the chosen view, team, status, channel and search', async () => {
    const { network, user } = await renderInbox('/inbox');
    await screen.findAllByTestId('conversation-item');

    await user.click(screen.getByRole('button', { name: /^Team Service/ }));
    await user.selectOptions(screen.getByLabelText('Status'), 'Resolved');
    await user.selectOptions(screen.getByLabelText('Channel'), 'WhatsApp');
    await user.type(screen.getByRole('searchbox', { name: 'Search conversations' }), 'chairs');

    await waitFor(() => expect(listRequests(network).at(-1)?.get('q')).toBe('chairs'));
    const last = listRequests(network).at(-1);
    expect(Object.fromEntries(last?.entries() ?? [])).toMatchObject({
      view: 'team',
      teamId: ANNA.teams[0]?.id,
      status: 'resolved',
      channel: 'whatsapp',
      q: 'chairs',
    });
    // Typing is debounced: not one request per letter.
    expect(listRequests(network).filter((query) => query.has('q')).length).toBeLessThan(3);
  });

  it('says so when a view is empty', async () => {
    await renderInbox(
      '/inbox',
      inboxRoutes({ 'GET /api/conversations': () => ({ items: [], nextCursor: null }) }),
    );
    expect(await screen.findByTestId('conversation-list-empty')).toHaveTextContent(
      'No conversations here.',
    );
    expect(screen.getByRole('heading', { name: 'Select a conversation' })).toBeInTheDocument();
  });

  it('puts a conversation it did not know on top when conversation.updated arrives', async () => {
    const { socket } = await renderInbox(
      '/inbox',
      inboxRoutes({
        'GET /api/conversations': () => ({ items: [DAVID, EMMA], nextCursor: 'more' }),
      }),
    );
    await waitFor(() => expect(listedNames()).toEqual(['David Doe', 'Emma Early']));
    const newcomer: ConversationSummaryDto = conversationSummary({
      id: uuid(4),
      contact: { id: uuid(4, 'ca000000'), name: 'Fiona Fresh' },
      owner: { id: ANNA.id, name: ANNA.name },
      lastActivityAt: new Date().toISOString(),
      preview: { text: 'Hello?', type: 'inbound', at: new Date().toISOString() },
    });

    serverPush(socket, REALTIME_EVENTS.conversationUpdated, {
      conversationId: newcomer.id,
      seq: 1,
      conversation: newcomer,
    });

    await waitFor(() => expect(listedNames()).toEqual(['Fiona Fresh', 'David Doe', 'Emma Early']));
    expect(screen.getAllByTestId('conversation-item')[0]).toHaveTextContent('Hello?');
  });

  it('moves a conversation to the top on new activity', async () => {
    const { socket } = await renderInbox(
      '/inbox',
      inboxRoutes({
        'GET /api/conversations': () => ({
          items: [
            { ...DAVID, owner: { id: ANNA.id, name: ANNA.name } },
            { ...EMMA, owner: { id: ANNA.id, name: ANNA.name } },
          ],
          nextCursor: null,
        }),
      }),
    );
    await waitFor(() => expect(listedNames()).toEqual(['David Doe', 'Emma Early']));

    serverPush(socket, REALTIME_EVENTS.conversationUpdated, {
      conversationId: EMMA.id,
      seq: 5,
      conversation: {
        ...EMMA,
        owner: { id: ANNA.id, name: ANNA.name },
        lastActivityAt: new Date().toISOString(),
        preview: { text: 'Still waiting', type: 'inbound', at: new Date().toISOString() },
        lastSeq: 5,
      },
    });

    await waitFor(() => expect(listedNames()).toEqual(['Emma Early', 'David Doe']));
    expect(screen.getAllByTestId('conversation-item')[0]).toHaveTextContent('Still waiting');
  });

  it('opens a conversation from the list and marks it as the current one', async () => {
    const { user, router } = await renderInbox(
      '/inbox',
      inboxRoutes({
        'GET /api/conversations': () => ({ items: [CLARA, DAVID], nextCursor: null }),
        'GET /api/conversations/:id': (request) =>
          conversationDto(request.params['id'] === DAVID.id ? DAVID : CLARA),
      }),
    );
    await screen.findAllByTestId('conversation-item');

    await user.click(screen.getByRole('link', { name: /David Doe/ }));

    expect(router.state.location.pathname).toBe(`/inbox/${DAVID.id}`);
    await waitFor(() =>
      expect(screen.getByTestId('thread-contact')).toHaveTextContent('David Doe'),
    );
    expect(screen.getByRole('link', { name: /David Doe/ })).toHaveAttribute('aria-current', 'page');
  });

  it('opens a deep link directly', async () => {
    await renderInbox(`/inbox/${CLARA.id}`);
    expect(await screen.findByTestId('thread-contact')).toHaveTextContent('Clara Customer');
  });

  it('says when a deep-linked conversation does not exist', async () => {
    await renderInbox(
      `/inbox/${uuid(99)}`,
      inboxRoutes({
        'GET /api/conversations/:id': () =>
          new Response(
            JSON.stringify({
              statusCode: 404,
              error: 'Not Found',
              message: 'No such conversation',
            }),
            { status: 404, headers: { 'Content-Type': 'application/json' } },
          ),
      }),
    );
    expect(await screen.findByTestId('conversation-error')).toHaveTextContent(
      "This conversation doesn't exist, or you have no access to it.",
    );
  });

  it('speaks German', async () => {
    jest.spyOn(window.navigator, 'languages', 'get').mockReturnValue(['de-DE']);
    await renderInbox(
      '/inbox',
      inboxRoutes({ 'GET /api/conversations': () => ({ items: [CLARA], nextCursor: null }) }),
    );
    const clara = await screen.findByTestId('conversation-item');
    expect(within(clara).getByText('vor 5 Min.')).toBeInTheDocument();
    expect(within(clara).getByTestId('conversation-status')).toHaveTextContent('Wartend');
    expect(screen.getByRole('heading', { name: 'Posteingang', level: 1 })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Nicht zugewiesen/ })).toBeInTheDocument();
  });
});
