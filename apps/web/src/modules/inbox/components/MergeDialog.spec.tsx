import { screen, waitFor, within } from '@testing-library/react';
import type {
  MergeCandidateDto,
  MergeConversationRequest,
  TimelineEntryDto,
} from '@touchpoint/shared';
import { apiError } from '../../../../test/fetch-mock';
import { ANNA_REF } from '../../../../test/handoff-fixtures';
import { inboxRoutes, renderInbox, serverPush, timelineOf } from '../../../../test/inbox-app';
import {
  CONVERSATION_ID,
  conversationDto,
  conversationSummary,
  entries,
  eventDto,
  messageDto,
  minutesAgo,
  uuid,
} from '../../../../test/inbox-fixtures';
import type { RouteHandler, Routes } from '../../../../test/fake-api';

const THREAD = `/inbox/${CONVERSATION_ID}`;
const OTHER_ID = uuid(2, 'c0000000');
const MERGE_ID = uuid(7, 'ab000000');

const INVOICE: MergeCandidateDto = {
  id: OTHER_ID,
  subject: 'Invoice missing',
  status: 'pending',
  channelKinds: ['email', 'whatsapp'],
  owner: ANNA_REF,
  team: { id: '0c7e5f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6', name: 'Service' },
  lastMessageAt: minutesAgo(30),
  lastActivityAt: minutesAgo(30),
};

/** The thread as the server numbers it in `epoch`: its timeline pages carry that epoch. */
function serverThread() {
  const state = { epoch: 0, all: [] as TimelineEntryDto[] };
  const timeline: RouteHandler = (request) => ({
    ...(timelineOf(state.all)(request) as object),
    epoch: state.epoch,
  });
  return { state, timeline };
}

const texts = () =>
  screen
    .getAllByTestId('message')
    .map((m) => within(m).getByText(/./, { selector: 'p' }).textContent);

function ownedRoutes(timeline: RouteHandler, overrides: Routes = {}): Routes {
  return inboxRoutes({
    'GET /api/conversations/:id': () => conversationDto({ owner: ANNA_REF, lastSeq: 2 }),
    'GET /api/conversations/:id/timeline': timeline,
    'GET /api/conversations/:id/handoffs': () => [],
    'GET /api/conversations/:id/participants': () => [],
    'GET /api/conversations/:id/merge-candidates': () => [INVOICE],
    ...overrides,
  });
}

describe('Merge with another conversation', () => {
  it('lists the customer’s other conversations, merges the one picked and shows the thread in its new order', async () => {
    const { state, timeline } = serverThread();
    state.all = entries(
      messageDto({ seq: 1, text: 'Where is my delivery?', createdAt: minutesAgo(20) }),
      messageDto({ seq: 2, text: 'Any news?', createdAt: minutesAgo(5) }),
    );
    const routes = ownedRoutes(timeline, {
      'POST /api/conversations/:id/merge': () => {
        state.epoch = 1;
        state.all = entries(
          messageDto({
            seq: 1,
            id: uuid(11),
            text: 'My invoice is missing.',
            createdAt: minutesAgo(40),
          }),
          messageDto({ seq: 2, text: 'Where is my delivery?', createdAt: minutesAgo(20) }),
          messageDto({
            seq: 3,
            id: uuid(12),
            text: 'Still no invoice.',
            createdAt: minutesAgo(10),
          }),
          messageDto({
            seq: 4,
            id: uuid(2, 'a0000000'),
            text: 'Any news?',
            createdAt: minutesAgo(5),
          }),
          eventDto({
            seq: 5,
            kind: 'conversation.merged',
            actor: ANNA_REF,
            data: { mergeId: MERGE_ID, source: { id: OTHER_ID, subject: 'Invoice missing' } },
          }),
        );
        return {
          mergeId: MERGE_ID,
          conversation: conversationSummary({ owner: ANNA_REF, lastSeq: 5, timelineEpoch: 1 }),
        };
      },
    });
    const { user, network } = await renderInbox(THREAD, routes);
    await screen.findByText('Any news?');

    await user.click(await screen.findByRole('button', { name: 'More actions' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Merge…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Merge with another conversation' });
    const candidate = await within(dialog).findByTestId('merge-candidate');
    expect(candidate).toHaveTextContent('Invoice missing');
    expect(candidate).toHaveTextContent('Pending');
    expect(candidate).toHaveTextContent('last message');

    // Nothing picked: the dialog says what is missing and sends nothing.
    await user.click(within(dialog).getByTestId('merge-submit'));
    expect(within(dialog).getByTestId('merge-pick-error')).toHaveTextContent(
      'Pick the conversation to merge into this one.',
    );
    expect(network.to(`/api/conversations/${CONVERSATION_ID}/merge`)).toHaveLength(0);

    await user.click(within(dialog).getByRole('radio', { name: /Invoice missing/ }));
    await user.click(within(dialog).getByTestId('merge-submit'));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(
      network
        .to(`/api/conversations/${CONVERSATION_ID}/merge`)
        .map((r) => r.body as MergeConversationRequest),
    ).toEqual([{ sourceConversationId: OTHER_ID }]);
    // The thread is read anew in the merged order, each message once.
    await screen.findByText('My invoice is missing.');
    await waitFor(() =>
      expect(texts()).toEqual([
        'My invoice is missing.',
        'Where is my delivery?',
        'Still no invoice.',
        'Any news?',
      ]),
    );
    expect(
      screen.getByText(/merged the conversation “Invoice missing” into this one/),
    ).toBeInTheDocument();
  });

  it('shows why the server refused the merge', async () => {
    const { state, timeline } = serverThread();
    state.all = entries(messageDto({ seq: 1, text: 'Hello' }));
    const { user } = await renderInbox(
      THREAD,
      ownedRoutes(timeline, {
        'POST /api/conversations/:id/merge': () =>
          apiError(
            409,
            'conversations.merge_conflict',
            'The two conversations belong to different contacts: merge the contacts first',
          ),
      }),
    );
    await user.click(await screen.findByRole('button', { name: 'More actions' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Merge…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Merge with another conversation' });
    await user.click(await within(dialog).findByRole('radio', { name: /Invoice missing/ }));
    await user.click(within(dialog).getByTestId('merge-submit'));
    expect(await within(dialog).findByTestId('merge-error')).toHaveTextContent(
      'The two conversations belong to different contacts: merge the contacts first',
    );
  });

  it('reloads an open thread for someone else when a merge renumbers it, and again when it is undone', async () => {
    const { state, timeline } = serverThread();
    const own = entries(
      messageDto({ seq: 1, text: 'Where is my delivery?', createdAt: minutesAgo(20) }),
      messageDto({ seq: 2, text: 'Any news?', createdAt: minutesAgo(5) }),
    );
    state.all = own;
    const { socket } = await renderInbox(THREAD, ownedRoutes(timeline));
    await screen.findByText('Any news?');

    state.epoch = 1;
    state.all = entries(
      messageDto({
        seq: 1,
        id: uuid(11),
        text: 'My invoice is missing.',
        createdAt: minutesAgo(40),
      }),
      messageDto({ seq: 2, text: 'Where is my delivery?', createdAt: minutesAgo(20) }),
      messageDto({ seq: 3, id: uuid(2, 'a0000000'), text: 'Any news?', createdAt: minutesAgo(5) }),
      eventDto({
        seq: 4,
        kind: 'conversation.merged',
        actor: ANNA_REF,
        data: { mergeId: MERGE_ID, source: { id: OTHER_ID, subject: 'Invoice missing' } },
      }),
    );
    serverPush(socket, 'conversation.updated', {
      conversationId: CONVERSATION_ID,
      seq: 4,
      conversation: conversationSummary({ owner: ANNA_REF, lastSeq: 4, timelineEpoch: 1 }),
    });
    await waitFor(() =>
      expect(texts()).toEqual(['My invoice is missing.', 'Where is my delivery?', 'Any news?']),
    );

    // Undone: fewer entries under a newer epoch, the last seq lower than before.
    state.epoch = 2;
    state.all = [
      ...own,
      ...entries(
        eventDto({
          seq: 3,
          kind: 'conversation.merged',
          actor: ANNA_REF,
          data: { mergeId: MERGE_ID, source: { id: OTHER_ID }, undoneAt: minutesAgo(0) },
        }),
      ),
    ];
    serverPush(socket, 'conversation.updated', {
      conversationId: CONVERSATION_ID,
      seq: 3,
      conversation: conversationSummary({ owner: ANNA_REF, lastSeq: 3, timelineEpoch: 2 }),
    });
    await waitFor(() => expect(texts()).toEqual(['Where is my delivery?', 'Any news?']));
    expect(screen.queryByTestId('undo-merge')).not.toBeInTheDocument();
  });

  it('undoes a merge from its event in the thread', async () => {
    const { state, timeline } = serverThread();
    state.all = entries(
      messageDto({ seq: 1, text: 'Where is my delivery?' }),
      eventDto({
        seq: 2,
        kind: 'conversation.merged',
        actor: ANNA_REF,
        data: { mergeId: MERGE_ID, source: { id: OTHER_ID, subject: 'Invoice missing' } },
      }),
    );
    const { user, network } = await renderInbox(
      THREAD,
      ownedRoutes(timeline, {
        'POST /api/conversations/:id/unmerge': () => ({
          conversation: conversationSummary({ owner: ANNA_REF, lastSeq: 3, timelineEpoch: 1 }),
          restored: conversationSummary({ id: OTHER_ID, owner: ANNA_REF, timelineEpoch: 1 }),
        }),
      }),
    );
    await user.click(await screen.findByTestId('undo-merge'));
    await waitFor(() =>
      expect(
        network.to(`/api/conversations/${CONVERSATION_ID}/unmerge`).map((r) => r.body),
      ).toEqual([{ mergeId: MERGE_ID }]),
    );
    expect(screen.getByTestId('thread-change-open')).toHaveAttribute('href', `/inbox/${OTHER_ID}`);
  });

  it('says where the thread of a conversation merged away is now', async () => {
    const { timeline } = serverThread();
    const { user } = await renderInbox(
      THREAD,
      ownedRoutes(timeline, {
        'GET /api/conversations/:id': () =>
          conversationDto({ owner: ANNA_REF, status: 'resolved', mergedIntoId: OTHER_ID }),
      }),
    );
    const notice = await screen.findByTestId('merged-away');
    expect(notice).toHaveTextContent('This conversation was merged into another one');
    expect(within(notice).getByRole('link', { name: 'Open that conversation' })).toHaveAttribute(
      'href',
      `/inbox/${OTHER_ID}`,
    );
    await user.click(screen.getByRole('button', { name: 'More actions' }));
    expect(await screen.findByRole('menuitem', { name: 'Log call' })).toBeInTheDocument();
    expect(screen.queryByRole('menuitem', { name: 'Merge…' })).not.toBeInTheDocument();
  });
});
