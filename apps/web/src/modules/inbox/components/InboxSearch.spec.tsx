import { screen, waitFor, within } from '@testing-library/react';
import type { SearchHitDto, SearchResultDto } from '@touchpoint/shared';
import type { RoutedRequest } from '../../../../test/fake-api';
import {
  conversationDto,
  conversationSummary,
  minutesAgo,
  uuid,
} from '../../../../test/inbox-fixtures';
import { inboxRoutes, renderInbox } from '../../../../test/inbox-app';
import { messageSearchStore } from '../../search/states/search.store';

const CLARA = conversationSummary({
  id: uuid(1),
  contact: { id: uuid(1, 'ca000000'), name: 'Clara Customer' },
  subject: 'Frage zu Ihrem Schreiben',
  lastActivityAt: minutesAgo(5),
});
const DAVID = conversationSummary({
  id: uuid(2),
  contact: { id: uuid(2, 'ca000000'), name: 'David Doe' },
  lastActivityAt: minutesAgo(50),
});

function hit(
  conversation: typeof CLARA,
  snippet: string,
  highlights: [number, number][],
  extra: Partial<SearchHitDto> = {},
): SearchHitDto {
  return {
    conversation,
    entries: [
      {
        messageId: uuid(9, conversation.id.slice(0, 8)),
        seq: 1,
        type: 'inbound',
        suggestion: false,
        channel: { id: uuid(7), kind: 'email', name: 'Support mail' },
        author: { type: 'contact', id: conversation.contact.id, name: conversation.contact.name },
        createdAt: minutesAgo(600),
        snippet,
        highlights,
      },
    ],
    matchCount: 1,
    contactMatched: false,
    ...extra,
  };
}

const CLARA_HIT = hit(CLARA, 'anbei die Rechnung für März <b>bitte</b> prüfen', [[10, 18]], {
  matchCount: 3,
});
const DAVID_HIT = hit(DAVID, 'the invoice is attached', [[4, 11]]);

/** The search API over two pages: Clara first, David with the cursor. */
function searchRoutes(requests: URLSearchParams[]) {
  return inboxRoutes({
    'GET /api/search': (request: RoutedRequest): SearchResultDto => {
      requests.push(request.query);
      return request.query.get('cursor') === 'page-2'
        ? { items: [DAVID_HIT], nextCursor: null }
        : { items: [CLARA_HIT], nextCursor: 'page-2' };
    },
    'GET /api/conversations/:id': () => conversationDto({ ...CLARA }),
  });
}

describe('Inbox search over all messages', () => {
  beforeEach(() => messageSearchStore.reset());

  it('keeps filtering the list while typing, and offers to search all messages', async () => {
    const requests: URLSearchParams[] = [];
    const { network, user } = await renderInbox('/inbox', searchRoutes(requests));
    await screen.findAllByTestId('conversation-item');

    await user.type(screen.getByRole('searchbox', { name: 'Search conversations' }), 'Rechnungen');
    await waitFor(() =>
      expect(network.to('/api/conversations').some((r) => r.url.includes('q=Rechnungen'))).toBe(
        true,
      ),
    );
    expect(requests).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Search all messages for “Rechnungen”' }));
    const results = await screen.findByTestId('search-results');
    expect(screen.queryByTestId('conversation-list')).not.toBeInTheDocument();
    expect(requests[0]?.get('q')).toBe('Rechnungen');
    expect(screen.getByRole('heading', { name: 'Messages with “Rechnungen”' })).toBeInTheDocument();

    const [clara] = within(results).getAllByTestId('search-hit');
    if (!clara) throw new Error('a hit expected');
    expect(clara).toHaveTextContent('Clara Customer');
    expect(clara).toHaveTextContent('Frage zu Ihrem Schreiben');
    expect(clara).toHaveTextContent('Customer · Clara Customer');
    expect(clara).toHaveTextContent('2 more matching messages');
    const snippet = within(clara).getByTestId('search-snippet');
    // The found word is an element; markup in the text stays text.
    expect([...snippet.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Rechnung']);
    expect(snippet).toHaveTextContent('anbei die Rechnung für März <b>bitte</b> prüfen');
    expect(snippet.querySelector('b')).toBeNull();
  });

  it('pages with the cursor, and opens a conversation beside the results', async () => {
    const requests: URLSearchParams[] = [];
    const { user, router } = await renderInbox('/inbox', searchRoutes(requests));
    await user.type(screen.getByRole('searchbox', { name: 'Search conversations' }), 'invoice');
    await user.click(screen.getByTestId('search-all-messages'));
    await screen.findByTestId('search-results');

    await user.click(screen.getByTestId('search-load-more'));
    await waitFor(() =>
      expect(screen.getAllByTestId('search-hit').map((h) => h.dataset['conversationId'])).toEqual([
        CLARA.id,
        DAVID.id,
      ]),
    );
    expect(requests.at(-1)?.get('cursor')).toBe('page-2');

    await user.click(screen.getAllByTestId('search-hit')[0] as HTMLElement);
    await waitFor(() => expect(router.state.location.pathname).toBe(`/inbox/${CLARA.id}`));
    expect(screen.getByTestId('search-results')).toBeInTheDocument();
    expect(screen.getAllByTestId('search-hit')[0]).toHaveAttribute('aria-current', 'page');

    await user.click(screen.getByRole('button', { name: 'Back to the list' }));
    expect(await screen.findByTestId('conversation-list')).toBeInTheDocument();
  });

  it('sends the filters: channel, status, owner and the days of the message', async () => {
    const requests: URLSearchParams[] = [];
    const { user } = await renderInbox('/inbox', searchRoutes(requests));
    await user.type(screen.getByRole('searchbox', { name: 'Search conversations' }), 'invoice');
    await user.click(screen.getByTestId('search-all-messages'));
    const pane = await screen.findByTestId('search-pane');

    await user.selectOptions(within(pane).getByLabelText('Channel'), 'Email');
    await user.selectOptions(within(pane).getByLabelText('Status'), 'Resolved');
    await user.selectOptions(within(pane).getByLabelText('Owner'), 'Me');
    await user.type(within(pane).getByLabelText('From'), '2026-03-01');
    await user.type(within(pane).getByLabelText('To'), '2026-03-31');

    await waitFor(() => expect(requests.at(-1)?.get('to')).toBeTruthy());
    const last = Object.fromEntries(requests.at(-1)?.entries() ?? []);
    expect(last).toMatchObject({
      q: 'invoice',
      channelKind: 'email',
      status: 'resolved',
      ownerId: 'me',
      from: new Date(2026, 2, 1).toISOString(),
      to: new Date(2026, 3, 1).toISOString(),
    });
  });

  it('says when nothing is found', async () => {
    const { user } = await renderInbox(
      '/inbox',
      inboxRoutes({ 'GET /api/search': () => ({ items: [], nextCursor: null }) }),
    );
    await user.type(screen.getByRole('searchbox', { name: 'Search conversations' }), 'nichts');
    await user.click(screen.getByTestId('search-all-messages'));
    expect(await screen.findByTestId('search-empty')).toHaveTextContent('Nothing found.');
  });
});
