import { screen, waitFor, within } from '@testing-library/react';
import type { SearchResultDto } from '@touchpoint/shared';
import type { Routes } from '../../../../test/fake-api';
import { ANNA_REF, directoryDto } from '../../../../test/handoff-fixtures';
import { inboxRoutes, renderInbox } from '../../../../test/inbox-app';
import {
  CONVERSATION_ID,
  conversationDto,
  conversationSummary,
  uuid,
} from '../../../../test/inbox-fixtures';

const DAVIDS = uuid(2, 'c0000000');
const DAVID = conversationSummary({
  id: DAVIDS,
  contact: { id: uuid(2, 'ca000000'), name: 'David Doe' },
});

function routes(overrides: Routes = {}): Routes {
  return inboxRoutes({
    'GET /api/conversations/:id': (request) =>
      request.params['id'] === DAVIDS
        ? conversationDto({ ...DAVID })
        : conversationDto({ owner: null }),
    'GET /api/directory': () => directoryDto(),
    'GET /api/conversations/:id/handoffs': () => [],
    'GET /api/conversations/:id/participants': () => [],
    'GET /api/search': (request): SearchResultDto => ({
      items: (request.query.get('q') ?? '').toLowerCase().startsWith('dav')
        ? [{ conversation: DAVID, entries: [], matchCount: 0, contactMatched: true }]
        : [],
      nextCursor: null,
    }),
    'POST /api/conversations/:id/claim': () => conversationSummary({ owner: ANNA_REF }),
    ...overrides,
  });
}

const options = () =>
  within(screen.getByTestId('command-palette'))
    .queryAllByRole('option')
    .map((option) => option.querySelector('.tp-palette__label')?.textContent);

describe('the command palette', () => {
  it('opens with Ctrl+K, also from a text field, and goes to an inbox view', async () => {
    const { user, router, network } = await renderInbox(`/inbox/${CONVERSATION_ID}`, routes());
    await user.click(await screen.findByTestId('composer-input'));

    await user.keyboard('{Control>}k{/Control}');
    const palette = await screen.findByRole('dialog', { name: 'Command palette' });
    const input = within(palette).getByRole('combobox', { name: 'Command' });
    expect(input).toHaveFocus();
    // Unowned: Claim is offered, Resolve too; Pull in is the owner's.
    expect(options()).toEqual(expect.arrayContaining(['Reply', 'Claim', 'Resolve']));
    expect(options()).not.toContain('Pull someone in');

    await user.type(input, 'unassig');
    expect(options()).toEqual(['Inbox: Unassigned']);
    await user.keyboard('{Enter}');
    expect(palette).not.toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/inbox');
    await waitFor(() =>
      expect(
        network
          .to('/api/conversations')
          .some((r) => new URLSearchParams(r.url.split('?')[1]).get('view') === 'unassigned'),
      ).toBe(true),
    );
  });

  it('opens a conversation by its contact’s name', async () => {
    const { user, router } = await renderInbox('/inbox', routes());
    await screen.findAllByTestId('conversation-item');
    await user.keyboard('{Meta>}k{/Meta}');
    const palette = await screen.findByRole('dialog', { name: 'Command palette' });

    await user.type(within(palette).getByRole('combobox'), 'david');
    expect(await within(palette).findByText('Open conversation with David Doe')).toBeVisible();
    await user.keyboard('{Enter}');
    expect(router.state.location.pathname).toBe(`/inbox/${DAVIDS}`);
  });

  it('claims the open conversation, moving with the arrow keys', async () => {
    const { user, network } = await renderInbox(`/inbox/${CONVERSATION_ID}`, routes());
    await screen.findByTestId('composer');
    await user.keyboard('{Control>}k{/Control}');
    await screen.findByRole('dialog', { name: 'Command palette' });
    await user.keyboard('cla');
    expect(options()[0]).toBe('Claim');
    await user.keyboard('{ArrowDown}{ArrowUp}{Enter}');
    await waitFor(() =>
      expect(network.to(`/api/conversations/${CONVERSATION_ID}/claim`)).toHaveLength(1),
    );
    expect(await screen.findByTestId('shortcut-notice')).toHaveTextContent('Conversation claimed.');
  });

  it('switches the language, and Escape closes it where focus was', async () => {
    const { user } = await renderInbox('/inbox', routes());
    await screen.findAllByTestId('conversation-item');
    const search = screen.getByRole('searchbox');
    await user.click(search);
    await user.keyboard('{Control>}k{/Control}');
    const palette = await screen.findByRole('dialog', { name: 'Command palette' });
    await user.keyboard('{Escape}');
    expect(palette).not.toBeInTheDocument();
    expect(search).toHaveFocus();

    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('deutsch{Enter}');
    await waitFor(() => expect(document.documentElement.lang).toBe('de'));
    await user.keyboard('{Control>}k{/Control}');
    expect(await screen.findByRole('dialog', { name: 'Befehlspalette' })).toBeInTheDocument();
  });
});
