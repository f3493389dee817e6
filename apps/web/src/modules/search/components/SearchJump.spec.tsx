import { screen, waitFor, within } from '@testing-library/react';
import type { SearchHitDto, SearchResultDto } from '@touchpoint/shared';
import { inboxRoutes, renderInbox, timelineOf } from '../../../../test/inbox-app';
import {
  CONVERSATION_ID,
  conversationDto,
  conversationSummary,
  entries,
  messageDto,
} from '../../../../test/inbox-fixtures';
import { messageJumpStore } from '../states/message-jump.store';
import { messageSearchStore } from '../states/search.store';

/** A long thread: 120 messages, of which the thread opens with the newest 50. */
const LAST = 120;
const THREAD = entries(
  ...Array.from({ length: LAST }, (_, i) =>
    messageDto({ seq: i + 1, text: `Message number ${i + 1}` }),
  ),
);
const CONVERSATION = conversationSummary({ lastSeq: LAST });

function entryOf(seq: number): SearchHitDto['entries'][number] {
  return {
    messageId: messageDto({ seq }).id,
    seq,
    type: 'inbound',
    suggestion: false,
    channel: null,
    author: { type: 'contact', id: CONVERSATION.contact.id, name: 'Clara Customer' },
    createdAt: CONVERSATION.createdAt,
    snippet: `Message number ${seq}`,
    highlights: [[0, 7]],
  };
}

/** The search finds messages 100 (in the first page) and 20 (far before it). */
const HIT: SearchHitDto = {
  conversation: CONVERSATION,
  entries: [entryOf(100), entryOf(20)],
  matchCount: 2,
  contactMatched: false,
};

function routes() {
  return inboxRoutes({
    'GET /api/conversations': () => ({ items: [], nextCursor: null }),
    'GET /api/search': (): SearchResultDto => ({ items: [HIT], nextCursor: null }),
    'GET /api/conversations/:id': () => conversationDto({ ...CONVERSATION }),
    'GET /api/conversations/:id/timeline': timelineOf(THREAD),
  });
}

async function searchMessages() {
  const app = await renderInbox('/inbox', routes());
  await app.user.type(screen.getByRole('searchbox', { name: 'Search conversations' }), 'Message');
  await app.user.click(screen.getByTestId('search-all-messages'));
  const results = await screen.findByTestId('search-results');
  return { ...app, results };
}

const row = (seq: number) =>
  screen.getByTestId('timeline').querySelector<HTMLElement>(`[data-seq="${seq}"]`);

describe('Jumping to a found message', () => {
  beforeEach(() => {
    messageSearchStore.reset();
    messageJumpStore.reset();
  });

  it('opens a long thread at a message far before its first page, and marks it', async () => {
    const { user, results, router, network } = await searchMessages();
    const [, older] = within(results).getAllByTestId('search-entry');
    await user.click(within(older as HTMLElement).getByTestId('search-snippet'));

    await waitFor(() => expect(router.state.location.pathname).toBe(`/inbox/${CONVERSATION_ID}`));
    await waitFor(() => expect(row(20)).toHaveClass('tp-timeline__entry--found'));
    expect(row(20)).toHaveTextContent('Message number 20');
    // The window stays whole from a few messages before it up to the newest.
    expect(row(10)).not.toBeNull();
    expect(row(LAST)).not.toBeNull();
    expect(row(9)).toBeNull();
    const reads = network
      .to(`/api/conversations/${CONVERSATION_ID}/timeline`)
      .map((request) => new URL(request.url, 'http://test').searchParams.get('limit'));
    // The first page, the catch-up after it, and one read back to the found message.
    expect(reads).toEqual(['50', null, '61']);
    // Only the found message is marked.
    expect(
      screen.getByTestId('timeline').querySelectorAll('.tp-timeline__entry--found'),
    ).toHaveLength(1);
  });

  it('marks a message of the first page without reading more', async () => {
    const { user, results, network } = await searchMessages();
    const [newest] = within(results).getAllByTestId('search-entry');
    await user.click(newest as HTMLElement);

    await waitFor(() => expect(row(100)).toHaveClass('tp-timeline__entry--found'));
    expect(network.to(`/api/conversations/${CONVERSATION_ID}/timeline`)).toHaveLength(2);
    expect(messageJumpStore.get()).toBeNull();
  });

  it('lets the mark fade after a moment', async () => {
    const { user, results } = await searchMessages();
    const [newest] = within(results).getAllByTestId('search-entry');
    await user.click(newest as HTMLElement);
    await waitFor(() => expect(row(100)).toHaveClass('tp-timeline__entry--found'));
    await waitFor(() => expect(row(100)).not.toHaveClass('tp-timeline__entry--found'), {
      timeout: 4000,
    });
  });
});
