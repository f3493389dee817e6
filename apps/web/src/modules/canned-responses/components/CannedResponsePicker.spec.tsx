import { screen, waitFor, within } from '@testing-library/react';
import type { CannedResponseDto } from '@touchpoint/shared';
import {
  CONVERSATION_ID,
  conversationDto,
  conversationSummary,
  uuid,
} from '../../../../test/inbox-fixtures';
import { inboxRoutes, renderInbox } from '../../../../test/inbox-app';

const THREAD = `/inbox/${CONVERSATION_ID}`;

function canned(n: number, overrides: Partial<CannedResponseDto>): CannedResponseDto {
  return {
    id: uuid(n, 'cc000000'),
    scope: 'team',
    team: { id: '0c7e5f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6', name: 'Service' },
    ownerId: null,
    shortcut: 'hello',
    title: 'Greeting',
    body: 'Hello {{contact.firstName}}, {{agent.firstName}} here.',
    language: 'en',
    editable: false,
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const RESPONSES = [
  canned(1, {}),
  canned(2, {
    shortcut: 'hallo',
    title: 'Begrüßung',
    body: 'Hallo {{contact.name}}!',
    language: 'de',
  }),
  canned(3, {
    shortcut: 'return',
    title: 'Return label',
    body: 'Your return label for "{{conversation.subject}}" is attached.',
  }),
];

async function openComposer(contactName = 'Clara Customer') {
  const conversation = { contact: { id: uuid(1, 'ca000000'), name: contactName } };
  const app = await renderInbox(
    THREAD,
    inboxRoutes({
      'GET /api/canned-responses': () => RESPONSES,
      'GET /api/conversations': () => ({
        items: [conversationSummary(conversation)],
        nextCursor: null,
      }),
      'GET /api/conversations/:id': () => conversationDto(conversation),
    }),
  );
  const composer = await screen.findByTestId('composer');
  const input = within(composer).getByTestId('composer-input');
  return { ...app, composer, input };
}

const options = () =>
  within(screen.getByRole('listbox', { name: 'Canned responses' }))
    .getAllByRole('option')
    .map((o) => o.textContent);

describe('the canned response picker in the composer', () => {
  it('opens on / at the start of a word, filters as the agent types, and inserts with the keyboard', async () => {
    const { user, input } = await openComposer();
    await user.type(input, 'Thanks! /h');
    const list = await screen.findByRole('listbox', { name: 'Canned responses' });
    expect(within(list).getAllByRole('option')).toHaveLength(2);
    expect(options()[0]).toContain('/hello');
    expect(options()[1]).toContain('/hallo');
    expect(within(list).getAllByRole('option')[0]).toHaveAttribute('aria-selected', 'true');

    await user.type(input, '{ArrowDown}');
    expect(within(list).getAllByRole('option')[1]).toHaveAttribute('aria-selected', 'true');
    expect(input).toHaveAttribute(
      'aria-activedescendant',
      within(list).getAllByRole('option')[1].id,
    );
    await user.type(input, '{ArrowDown}');
    // Round again to the first.
    expect(within(list).getAllByRole('option')[0]).toHaveAttribute('aria-selected', 'true');

    await user.type(input, 'e{Enter}');
    expect(input).toHaveValue('Thanks! Hello Clara, Anna here.');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    expect(screen.queryByTestId('canned-placeholders')).not.toBeInTheDocument();
    expect(screen.getByTestId('composer-send')).toBeEnabled();
  });

  it('fills the subject, and a title match is found too', async () => {
    const { user, input } = await openComposer();
    await user.type(input, '/label');
    expect(options()).toHaveLength(1);
    await user.keyboard('{Tab}');
    expect(input).toHaveValue('Your return label for "Offer for 20 chairs" is attached.');
  });

  it('leaves a variable without a value visible and keeps Send off until it is filled', async () => {
    const { user, input } = await openComposer('');
    await user.type(input, '/hallo{Enter}');
    expect(input).toHaveValue('Hallo {{contact.name}}!');
    expect(screen.getByTestId('canned-placeholders')).toHaveTextContent('{{contact.name}}');
    expect(screen.getByTestId('composer-send')).toBeDisabled();

    await user.clear(input);
    await user.type(input, 'Hallo Frau Schmidt!');
    expect(screen.queryByTestId('canned-placeholders')).not.toBeInTheDocument();
    expect(screen.getByTestId('composer-send')).toBeEnabled();
  });

  it('closes with Escape, and a slash inside a word opens nothing', async () => {
    const { user, input } = await openComposer();
    await user.type(input, '/re');
    expect(await screen.findByRole('listbox')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    await user.keyboard('{Enter}');
    expect(input).toHaveValue('/re\n');

    await user.clear(input);
    await user.type(input, 'and/or');
    await waitFor(() => expect(screen.queryByRole('listbox')).not.toBeInTheDocument());
    await user.type(input, ' /zzz');
    expect(await screen.findByTestId('canned-picker-empty')).toHaveTextContent(
      'No canned response matches /zzz',
    );
  });
});
