import { act, screen, waitFor, within } from '@testing-library/react';
import type { Routes } from '../../../../test/fake-api';
import { ANNA_REF, directoryDto } from '../../../../test/handoff-fixtures';
import { inboxRoutes, renderInbox } from '../../../../test/inbox-app';
import {
  CONVERSATION_ID,
  conversationDto,
  conversationSummary,
  uuid,
} from '../../../../test/inbox-fixtures';

const SECOND = uuid(2, 'c0000000');
const THIRD = uuid(3, 'c0000000');
const LIST = [
  conversationSummary(),
  conversationSummary({ id: SECOND, contact: { id: uuid(2, 'ca000000'), name: 'David Doe' } }),
  conversationSummary({ id: THIRD, contact: { id: uuid(3, 'ca000000'), name: 'Emma Early' } }),
];

/** Three conversations in Mine; the open one is Anna's own, so she may pull in and resolve. */
function routes(overrides: Routes = {}): Routes {
  return inboxRoutes({
    'GET /api/conversations': () => ({ items: LIST, nextCursor: null }),
    'GET /api/conversations/:id': (request) =>
      conversationDto({ id: request.params['id'] ?? CONVERSATION_ID, owner: ANNA_REF }),
    'GET /api/directory': () => directoryDto(),
    'GET /api/conversations/:id/handoffs': () => [],
    'GET /api/conversations/:id/participants': () => [],
    'PATCH /api/conversations/:id': (request) =>
      conversationSummary({ owner: ANNA_REF, status: 'resolved', ...(request.body as object) }),
    ...overrides,
  });
}

const path = (router: { state: { location: { pathname: string } } }) =>
  router.state.location.pathname;

describe('keyboard shortcuts', () => {
  it('j and k move through the conversation list and open each conversation', async () => {
    const { user, router } = await renderInbox('/inbox', routes());
    await waitFor(() => expect(screen.getAllByTestId('conversation-item')).toHaveLength(3));

    await user.keyboard('j');
    expect(path(router)).toBe(`/inbox/${CONVERSATION_ID}`);
    await user.keyboard('j');
    expect(path(router)).toBe(`/inbox/${SECOND}`);
    expect(screen.getAllByTestId('conversation-item')[1]).toHaveFocus();
    await user.keyboard('jj'); // stays on the last one
    expect(path(router)).toBe(`/inbox/${THIRD}`);
    await user.keyboard('k');
    expect(path(router)).toBe(`/inbox/${SECOND}`);
  });

  it('r and n go into the composer in reply and note mode; letters typed there stay text', async () => {
    const { user, router } = await renderInbox(`/inbox/${CONVERSATION_ID}`, routes());
    const composer = await screen.findByTestId('composer');
    const input = within(composer).getByTestId('composer-input');

    await user.keyboard('n');
    expect(input).toHaveFocus();
    expect(within(composer).getByRole('radio', { name: 'Internal note' })).toBeChecked();
    expect(input).toHaveValue('');

    await user.keyboard('jk/');
    expect(input).toHaveValue('jk/');
    expect(path(router)).toBe(`/inbox/${CONVERSATION_ID}`);

    act(() => input.blur());
    await user.keyboard('r');
    expect(input).toHaveFocus();
    expect(within(composer).getByRole('radio', { name: 'Reply' })).toBeChecked();
  });

  it('p opens the pull-in dialog; Escape closes it, also once focus fell out of it', async () => {
    const { user } = await renderInbox(`/inbox/${CONVERSATION_ID}`, routes());
    await screen.findByTestId('composer');
    const before = document.activeElement;

    await user.keyboard('p');
    const dialog = await screen.findByRole('dialog', { name: 'Pull in a team or a person' });
    expect(dialog.contains(document.activeElement)).toBe(true);
    await user.keyboard('{Escape}');
    expect(dialog).not.toBeInTheDocument();
    expect(document.activeElement).toBe(before);

    await user.keyboard('p');
    const again = await screen.findByRole('dialog', { name: 'Pull in a team or a person' });
    act(() => (document.activeElement as HTMLElement | null)?.blur());
    expect(again.contains(document.activeElement)).toBe(false);
    await user.keyboard('{Escape}');
    expect(again).not.toBeInTheDocument();
  });

  it('e resolves the open conversation and says so', async () => {
    const { user, network } = await renderInbox(`/inbox/${CONVERSATION_ID}`, routes());
    await screen.findByTestId('composer');

    await user.keyboard('e');
    await waitFor(() =>
      expect(network.to(`/api/conversations/${CONVERSATION_ID}`).map((r) => r.body)).toContainEqual(
        { status: 'resolved' },
      ),
    );
    expect(await screen.findByTestId('shortcut-notice')).toHaveTextContent(
      'Conversation resolved.',
    );
  });

  it('leaves p and e alone where the user may not pull in or resolve', async () => {
    const { user, network } = await renderInbox(
      `/inbox/${CONVERSATION_ID}`,
      routes({
        'GET /api/conversations/:id': () =>
          conversationDto({ owner: { id: uuid(8, 'ee000000'), name: 'Ben Busy' } }),
      }),
    );
    await screen.findByTestId('composer');
    await user.keyboard('pe');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(network.to(`/api/conversations/${CONVERSATION_ID}`).filter((r) => r.body)).toEqual([]);
  });

  it('/ focuses the search field', async () => {
    const { user } = await renderInbox('/inbox', routes());
    await screen.findAllByTestId('conversation-item');
    await user.keyboard('/');
    expect(screen.getByRole('searchbox')).toHaveFocus();
    expect(screen.getByRole('searchbox')).toHaveValue('');
  });

  it('? lists every shortcut, in English and in German', async () => {
    const { user } = await renderInbox('/inbox', routes());
    await screen.findAllByTestId('conversation-item');

    await user.keyboard('?');
    const help = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    for (const [action, text] of [
      ['next', 'Next conversation in the list'],
      ['previous', 'Previous conversation in the list'],
      ['reply', 'Reply to the customer'],
      ['note', 'Write an internal note'],
      ['pullIn', 'Pull someone in'],
      ['resolve', 'Resolve the conversation'],
      ['search', 'Search the conversations'],
      ['help', 'Show these shortcuts'],
      ['palette', 'Command palette'],
      ['close', 'Close a dialog'],
    ]) {
      expect(within(help).getByTestId(`shortcut-${action}`)).toHaveTextContent(text as string);
    }
    await user.keyboard('{Escape}');
    expect(help).not.toBeInTheDocument();

    await user.click(screen.getByTestId('language-de'));
    await user.keyboard('?');
    const hilfe = await screen.findByRole('dialog', { name: 'Tastenkürzel' });
    expect(within(hilfe).getByTestId('shortcut-resolve')).toHaveTextContent(
      'Konversation erledigen',
    );
  });
});
