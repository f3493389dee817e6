import { screen, waitFor, within } from '@testing-library/react';
import { REALTIME_EVENTS, type ContactDto, type UpdateContactRequest } from '@touchpoint/shared';
import type { Routes } from '../../../../test/fake-api';
import { apiError } from '../../../../test/fetch-mock';
import {
  CONTACT_ID,
  CONVERSATION_ID,
  contactDto,
  conversationDto,
  conversationSummary,
} from '../../../../test/inbox-fixtures';
import { inboxRoutes, renderInbox, serverPush } from '../../../../test/inbox-app';

const THREAD = `/inbox/${CONVERSATION_ID}`;
const CONTACT = `/api/contacts/${CONTACT_ID}`;
const REPLY_CHANNELS = `/api/conversations/${CONVERSATION_ID}/reply-channels`;

/** The API keeps the contact's preference as PATCHed and answers the contact. */
function contactRoutes(initial: Partial<ContactDto> = {}): Routes {
  let contact = contactDto(initial);
  return {
    'GET /api/contacts/:id': () => contact,
    'PATCH /api/contacts/:id': (request) => {
      contact = { ...contact, ...(request.body as UpdateContactRequest) } as ContactDto;
      return contact;
    },
    'GET /api/conversations/:id': () => conversationDto({ contactDetails: contact }),
  };
}

async function openThread(overrides: Routes = {}) {
  const app = await renderInbox(THREAD, inboxRoutes({ ...contactRoutes(), ...overrides }));
  const panel = await screen.findByTestId('contact-panel');
  const composer = await screen.findByTestId('composer');
  return { ...app, panel, composer };
}

describe("a contact's preferred channel", () => {
  it('is shown in the contact panel and changed there; the composer then suggests a call', async () => {
    const { network, user, panel, composer } = await openThread();
    const select = within(panel).getByRole('combobox', { name: 'Preferred channel' });
    expect(select).toHaveValue('');
    expect(select).toHaveAccessibleDescription(
      'Replies go through a channel of this kind first; “Phone call” reminds everyone to call instead.',
    );
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([
      'No preference',
      'Email',
      'Contact form',
      'Website chat',
      'API',
      'SMS',
      'WhatsApp',
      'Messenger',
      'Instagram',
      'Telegram',
      'Phone call',
    ]);
    expect(within(composer).queryByTestId('prefers-phone')).not.toBeInTheDocument();
    const asked = network.to(REPLY_CHANNELS).length;

    await user.selectOptions(select, 'Phone call');

    await waitFor(() =>
      expect(network.to(CONTACT).filter((r) => r.method === 'PATCH')).toHaveLength(1),
    );
    expect(network.to(CONTACT).find((r) => r.method === 'PATCH')?.body).toEqual({
      preferredChannel: 'phone',
    });
    const hint = await within(composer).findByTestId('prefers-phone');
    expect(hint).toHaveTextContent('Prefers a phone call +4915112345678');
    expect(within(hint).getByRole('link', { name: '+4915112345678' })).toHaveAttribute(
      'href',
      'tel:+4915112345678',
    );
    expect(select).toHaveValue('phone');
    // The order of the reply channels follows the preference: they are asked again.
    await waitFor(() => expect(network.to(REPLY_CHANNELS).length).toBeGreaterThan(asked));

    // Back to no preference: the hint goes.
    await user.selectOptions(select, 'No preference');
    await waitFor(() =>
      expect(within(composer).queryByTestId('prefers-phone')).not.toBeInTheDocument(),
    );
    expect(
      network
        .to(CONTACT)
        .filter((r) => r.method === 'PATCH')
        .map((r) => r.body),
    ).toEqual([{ preferredChannel: 'phone' }, { preferredChannel: null }]);
  });

  it('opens the "Log call" dialog from the composer’s hint', async () => {
    const { user, composer } = await openThread(contactRoutes({ preferredChannel: 'phone' }));
    const hint = await within(composer).findByTestId('prefers-phone');
    await user.click(within(hint).getByRole('button', { name: 'Log call' }));
    const dialog = await screen.findByRole('dialog', { name: 'Log a call' });
    expect(within(dialog).getByLabelText('How it ended')).toBeInTheDocument();
  });

  it('names no number when the contact has none', async () => {
    const { composer } = await openThread(
      contactRoutes({
        preferredChannel: 'phone',
        phone: null,
        identities: [{ id: 'e1', kind: 'email', address: 'clara@example.org', verified: true }],
      }),
    );
    expect(await within(composer).findByTestId('prefers-phone')).toHaveTextContent(
      'Prefers a phone call no phone number known',
    );
  });

  it('shows a refusal and keeps the stored preference', async () => {
    const { user, panel } = await openThread({
      'PATCH /api/contacts/:id': () =>
        apiError(403, 'auth.forbidden', 'You do not have access to this contact'),
    });
    const select = within(panel).getByRole('combobox', { name: 'Preferred channel' });
    await user.selectOptions(select, 'WhatsApp');
    expect(await within(panel).findByRole('alert')).toHaveTextContent(
      'You do not have access to this contact',
    );
    expect(select).toHaveValue('');
  });

  it('follows a colleague’s change live, and asks for the reply channels only then', async () => {
    const { network, socket, panel, composer } = await openThread();
    await waitFor(() => expect(network.to(REPLY_CHANNELS).length).toBeGreaterThan(0));
    const asked = network.to(REPLY_CHANNELS).length;
    const push = (preferredChannel: ContactDto['preferredChannel']) =>
      serverPush(socket, REALTIME_EVENTS.conversationUpdated, {
        conversationId: CONVERSATION_ID,
        seq: 1,
        conversation: conversationSummary({
          contact: { id: CONTACT_ID, name: 'Clara Customer', preferredChannel },
        }),
      });

    // Any other change of the conversation: the preference is as it was, nothing is asked again.
    push(null);
    expect(network.to(REPLY_CHANNELS)).toHaveLength(asked);

    push('phone');
    expect(await within(composer).findByTestId('prefers-phone')).toBeInTheDocument();
    expect(within(panel).getByRole('combobox', { name: 'Preferred channel' })).toHaveValue('phone');
    await waitFor(() => expect(network.to(REPLY_CHANNELS).length).toBeGreaterThan(asked));
  });

  it('speaks German', async () => {
    jest.spyOn(window.navigator, 'languages', 'get').mockReturnValue(['de-DE']);
    const { panel, composer } = await openThread(contactRoutes({ preferredChannel: 'phone' }));
    expect(within(panel).getByRole('combobox', { name: 'Bevorzugter Kanal' })).toHaveDisplayValue(
      'Telefonanruf',
    );
    expect(await within(composer).findByTestId('prefers-phone')).toHaveTextContent(
      'Möchte lieber angerufen werden +4915112345678',
    );
  });
});
