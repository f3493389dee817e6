import { screen, waitFor, within } from '@testing-library/react';
import type { AddIdentityRequest, ContactDto } from '@touchpoint/shared';
import { jsonResponse } from '../../../../test/fetch-mock';
import {
  OTHER_CONTACT_ID,
  contactProfile,
  mergeDto,
  visitorContact,
} from '../../../../test/contact-fixtures';
import {
  CONTACT_ID,
  CONVERSATION_ID,
  conversationDto,
  conversationSummary,
  uuid,
} from '../../../../test/inbox-fixtures';
import { inboxRoutes, renderInbox } from '../../../../test/inbox-app';

const THREAD = `/inbox/${CONVERSATION_ID}`;
const CHAT = {
  id: CONVERSATION_ID,
  status: 'open',
  subject: null,
  preview: null,
  lastActivityAt: new Date().toISOString(),
  createdAt: new Date().toISOString(),
  channels: ['webchat'],
  team: null,
  owner: null,
  handoffs: [],
} satisfies ContactDto['conversations'][number];

/**
 * An anonymous website visitor chats; they give their email, which Clara's contact already has.
 * After the merge the conversation belongs to Clara, whose story then holds the chat too.
 */
function linkRoutes() {
  const visitor = visitorContact({ conversations: [CHAT] });
  const profile = contactProfile();
  // Clara's own conversations (the chat is not one of them until the merge).
  const clara = {
    ...profile,
    conversations: profile.conversations.map((c, i) => ({ ...c, id: uuid(20 + i, 'c0000000') })),
  };
  let merged = false;
  const owner = () =>
    merged ? { ...clara, conversations: [CHAT, ...clara.conversations] } : visitor;
  return inboxRoutes({
    'GET /api/conversations': () => ({
      items: [conversationSummary({ contact: { id: OTHER_CONTACT_ID, name: '' } })],
      nextCursor: null,
    }),
    'GET /api/conversations/:id': () => conversationDto({ contactDetails: owner() }),
    'GET /api/contacts/:id': (request) =>
      request.params['id'] === CONTACT_ID ? (merged ? owner() : clara) : visitor,
    'POST /api/contacts/:id/identities': () =>
      jsonResponse(409, {
        statusCode: 409,
        error: 'Conflict',
        message: 'clara@example.org belongs to Clara Customer',
        code: 'contacts.identity_taken',
        related: { contactId: CONTACT_ID },
      }),
    'POST /api/contacts/:id/merge': () => {
      merged = true;
      return mergeDto();
    },
  });
}

describe('linking an anonymous chat to the customer from the contact panel', () => {
  it('offers the merge when the address belongs to another contact, then shows the merged story', async () => {
    const { user, network } = await renderInbox(THREAD, linkRoutes());
    const panel = await screen.findByTestId('contact-panel');
    expect(
      within(panel).getByRole('heading', { name: /^Visitor from the website, / }),
    ).toBeInTheDocument();
    expect(within(panel).getByRole('link', { name: 'Open profile' })).toHaveAttribute(
      'href',
      `/contacts/${OTHER_CONTACT_ID}`,
    );

    await user.click(within(panel).getByRole('button', { name: 'Add an address' }));
    await user.type(within(panel).getByLabelText('Address'), 'clara@example.org');
    await user.click(within(panel).getByRole('button', { name: 'Add address' }));
    expect(network.to(`/api/contacts/${OTHER_CONTACT_ID}/identities`)[0]?.body).toEqual({
      kind: 'email',
      address: 'clara@example.org',
    } satisfies AddIdentityRequest);

    const refusal = await within(panel).findByTestId('add-identity-error');
    expect(refusal).toHaveTextContent('clara@example.org belongs to Clara Customer');
    await user.click(
      await within(refusal).findByRole('button', { name: 'Merge with Clara Customer' }),
    );

    const dialog = await screen.findByRole('dialog', { name: 'Merge contacts' });
    // The customer's known contact is kept; the visitor goes into it.
    expect(within(dialog).getByRole('radio', { name: 'Keep Clara Customer' })).toBeChecked();
    expect(within(dialog).getByTestId('contact-merge-summary')).toHaveTextContent(
      'Visitor from the website is merged into Clara Customer.',
    );
    await user.type(
      within(dialog).getByTestId('contact-merge-note'),
      'She gave her email in the chat',
    );
    await user.click(within(dialog).getByTestId('contact-merge-submit'));

    await waitFor(() => expect(network.to(`/api/contacts/${CONTACT_ID}/merge`)).toHaveLength(1));
    expect(network.to(`/api/contacts/${CONTACT_ID}/merge`)[0]?.body).toEqual({
      basis: 'confirmed_by_staff',
      otherContactId: OTHER_CONTACT_ID,
      note: 'She gave her email in the chat',
    });
    expect(
      await within(panel).findByRole('heading', { name: 'Clara Customer' }),
    ).toBeInTheDocument();
    const story = within(panel).getAllByTestId('story-conversation');
    expect(story.map((item) => item.textContent)).toEqual([
      expect.stringContaining('No subject'),
      expect.stringContaining('Offer for 20 chairs'),
      expect.stringContaining('Broken delivery'),
    ]);
    expect(within(story[0] as HTMLElement).getByTestId('contact-conversation')).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
