import { act, screen, waitFor, within } from '@testing-library/react';
import {
  REALTIME_EVENTS,
  type ChannelRefDto,
  type ReplyChannelOptionDto,
  type SendMessageRequest,
} from '@touchpoint/shared';
import { apiError, jsonResponse } from '../../../../test/fetch-mock';
import {
  CONVERSATION_ID,
  channels,
  messageDto,
  replyDto,
  uuid,
  whatsappWindowOptions,
} from '../../../../test/inbox-fixtures';
import { inboxRoutes, renderInbox, serverPush } from '../../../../test/inbox-app';
import type { Routes } from '../../../../test/fake-api';

const THREAD = `/inbox/${CONVERSATION_ID}`;
const MESSAGES = `/api/conversations/${CONVERSATION_ID}/messages`;
const REPLY_CHANNELS = `/api/conversations/${CONVERSATION_ID}/reply-channels`;

/** A fixed day, so times read the same wherever the test runs: 10 March, 10:00 local time. */
const NOW = new Date(2026, 2, 10, 10, 0);
const at = (hours: number, minutes: number) => new Date(2026, 2, 10, hours, minutes).toISOString();
const OPEN_UNTIL = at(14, 32);
const CLOSED_SINCE = at(9, 15);

function sentBodies(network: { to(path: string): { body: unknown }[] }): SendMessageRequest[] {
  return network.to(MESSAGES).map((request) => request.body as SendMessageRequest);
}

/** The API stores a template reply with the text filled in, as the server does. */
const storedTemplate: Routes[string] = (request) => {
  const body = request.body as SendMessageRequest;
  return jsonResponse(
    201,
    replyDto({
      seq: 11,
      channel: channels.whatsapp,
      text: body.template ? `template ${body.template.name}` : (body.body ?? ''),
      clientMessageId: body.clientMessageId,
    }),
  );
};

async function openComposer(overrides: Routes) {
  const app = await renderInbox(
    THREAD,
    inboxRoutes({ 'POST /api/conversations/:id/messages': storedTemplate, ...overrides }),
  );
  const composer = await screen.findByTestId('composer');
  return { ...app, composer };
}

describe('Composer on WhatsApp: the 24-hour window and templates', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW, advanceTimers: true }));
  afterEach(() => jest.useRealTimers());

  it('says until when free text is possible, and lets the agent send a template anyway', async () => {
    const { network, user, composer } = await openComposer({
      'GET /api/conversations/:id/reply-channels': () => whatsappWindowOptions(OPEN_UNTIL),
    });
    const notice = await within(composer).findByTestId('reply-window');
    expect(notice).toHaveTextContent(/^Free replies possible until 2:32\sPM\.$/);
    const input = within(composer).getByTestId('composer-input');
    expect(input).toHaveAccessibleDescription(notice.textContent ?? '');

    await user.click(
      within(composer).getByRole('checkbox', { name: 'Send an approved template instead' }),
    );
    expect(within(composer).queryByTestId('composer-input')).not.toBeInTheDocument();
    await user.selectOptions(
      within(composer).getByRole('combobox', { name: 'Template' }),
      'follow_up (English)',
    );
    expect(within(composer).queryByRole('group', { name: 'Values for the template' })).toBeNull();
    expect(within(composer).getByTestId('template-preview')).toHaveTextContent(
      'Is there anything else we can do for you?',
    );
    await user.click(within(composer).getByRole('button', { name: 'Send template' }));

    await waitFor(() => expect(sentBodies(network)).toHaveLength(1));
    expect(sentBodies(network)[0]).toEqual({
      type: 'reply',
      template: { name: 'follow_up', language: 'en', variables: [] },
      channelId: channels.whatsapp.id,
      clientMessageId: expect.any(String),
      lastSeenSeq: 0,
    });
    // Sent: the next message is free text again.
    expect(await within(composer).findByTestId('composer-input')).toHaveValue('');
    expect(within(composer).getByRole('checkbox', { name: /template instead/ })).not.toBeChecked();
  });

  it('once the window closed, offers only the templates: values, preview, and the template sent', async () => {
    const { network, user, composer } = await openComposer({
      'GET /api/conversations/:id/reply-channels': () => whatsappWindowOptions(CLOSED_SINCE),
    });
    const notice = await within(composer).findByTestId('reply-window');
    expect(notice).toHaveTextContent(
      /^The 24-hour window closed at 9:15\sAM: only an approved template can be sent\.$/,
    );
    expect(within(composer).queryByTestId('composer-input')).not.toBeInTheDocument();
    expect(within(composer).queryByRole('checkbox')).not.toBeInTheDocument();

    const picker = within(composer).getByRole('combobox', { name: 'Template' });
    expect(picker).toHaveAccessibleDescription(notice.textContent ?? '');
    expect(
      within(picker)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Choose a template…', 'order_update (German)', 'follow_up (English)']);
    const send = within(composer).getByRole('button', { name: 'Send template' });
    expect(send).toBeDisabled();

    await user.selectOptions(picker, 'order_update (German)');
    const values = within(composer).getByRole('group', { name: 'Values for the template' });
    const preview = within(composer).getByRole('figure', { name: 'What the customer receives' });
    expect(preview).toHaveTextContent('Hallo {{1}}, Ihre Bestellung {{2}} ist unterwegs.');
    await user.type(within(values).getByLabelText('Value 1'), 'Jürgen');
    expect(preview).toHaveTextContent('Hallo Jürgen, Ihre Bestellung {{2}} ist unterwegs.');
    expect(send).toBeDisabled();
    const second = within(values).getByLabelText('Value 2');
    await user.type(second, 'A-1001');
    expect(preview).toHaveTextContent('Hallo Jürgen, Ihre Bestellung A-1001 ist unterwegs.');
    expect(send).toBeEnabled();

    // Enter alone does not send (a value is easily confirmed by habit); Ctrl+Enter does.
    await user.type(second, '{Enter}');
    expect(sentBodies(network)).toHaveLength(0);
    await user.keyboard('{Control>}{Enter}{/Control}');

    await waitFor(() => expect(sentBodies(network)).toHaveLength(1));
    const [sent] = sentBodies(network);
    expect(sent).toEqual({
      type: 'reply',
      template: { name: 'order_update', language: 'de', variables: ['Jürgen', 'A-1001'] },
      channelId: channels.whatsapp.id,
      clientMessageId: expect.any(String),
      lastSeenSeq: 0,
    });
    expect(sent).not.toHaveProperty('body');
    await waitFor(() =>
      expect(within(composer).getByRole('combobox', { name: 'Template' })).toHaveValue(''),
    );
  });

  it('follows the window when the reply channels are asked again after the customer wrote', async () => {
    let closesAt = CLOSED_SINCE;
    const { socket, composer } = await openComposer({
      'GET /api/conversations/:id/reply-channels': () => whatsappWindowOptions(closesAt),
    });
    expect(await within(composer).findByTestId('reply-window')).toHaveAttribute(
      'data-state',
      'closed',
    );

    // The customer writes again: the window is open for another 24 hours.
    closesAt = new Date(NOW.getTime() + 24 * 3600_000).toISOString();
    serverPush(socket, REALTIME_EVENTS.messageCreated, {
      conversationId: CONVERSATION_ID,
      seq: 2,
      message: messageDto({ seq: 2, channel: channels.whatsapp, text: 'Noch da?' }),
    });

    await waitFor(() =>
      expect(within(composer).getByTestId('reply-window')).toHaveAttribute('data-state', 'open'),
    );
    expect(within(composer).getByTestId('reply-window')).toHaveTextContent(
      /^Free replies possible until Mar 11, 2026, 10:00\sAM\.$/,
    );
    expect(within(composer).getByTestId('composer-input')).toBeInTheDocument();
  });

  it('closes the window when its time has come, without asking the server', async () => {
    const { network, composer } = await openComposer({
      'GET /api/conversations/:id/reply-channels': () => whatsappWindowOptions(at(10, 1)),
    });
    expect(await within(composer).findByTestId('reply-window')).toHaveAttribute(
      'data-state',
      'open',
    );
    const asked = network.to(REPLY_CHANNELS).length;
    act(() => jest.advanceTimersByTime(90_000));
    expect(within(composer).getByTestId('reply-window')).toHaveTextContent(
      /^The 24-hour window closed at 10:01\sAM: only an approved template can be sent\.$/,
    );
    expect(within(composer).getByRole('combobox', { name: 'Template' })).toBeInTheDocument();
    expect(network.to(REPLY_CHANNELS)).toHaveLength(asked);
  });

  it('shows the refusal of free text in words when the window closed meanwhile, then the templates', async () => {
    let closesAt = OPEN_UNTIL;
    const { network, user, composer } = await openComposer({
      'GET /api/conversations/:id/reply-channels': () => whatsappWindowOptions(closesAt),
      'POST /api/conversations/:id/messages': () => {
        closesAt = CLOSED_SINCE;
        return apiError(
          422,
          'messages.reply_window_closed',
          'The customer last wrote on WhatsApp more than 24 hours ago: outside the 24-hour window, send a template',
        );
      },
    });
    await within(composer).findByTestId('reply-window');
    const asked = network.to(REPLY_CHANNELS).length;
    await user.type(within(composer).getByTestId('composer-input'), 'Noch Fragen?');
    await user.click(within(composer).getByRole('button', { name: 'Send reply' }));

    expect(await within(composer).findByRole('alert')).toHaveTextContent(
      "The message wasn't sent. The 24-hour window on WhatsApp has closed: only an approved template can be sent now.",
    );
    await waitFor(() => expect(network.to(REPLY_CHANNELS).length).toBeGreaterThan(asked));
    expect(await within(composer).findByRole('combobox', { name: 'Template' })).toBeInTheDocument();
    expect(within(composer).getByTestId('reply-window')).toHaveAttribute('data-state', 'closed');
  });

  it('says so when the channel has no approved templates, and sends nothing', async () => {
    const { composer } = await openComposer({
      'GET /api/conversations/:id/reply-channels': () => whatsappWindowOptions(null, []),
    });
    expect(await within(composer).findByTestId('reply-window')).toHaveTextContent(
      'The customer has not written on this WhatsApp number yet: only an approved template can be sent.',
    );
    expect(within(composer).getByTestId('no-templates')).toHaveTextContent(
      'This channel has no approved templates. An admin can add them in the channel settings.',
    );
    expect(within(composer).getByRole('button', { name: 'Send template' })).toBeDisabled();
  });

  it('shows nothing of a window on channels without one', async () => {
    const { user, composer } = await openComposer({
      'GET /api/conversations/:id/reply-channels': () => whatsappWindowOptions(CLOSED_SINCE),
    });
    await within(composer).findByTestId('reply-window');
    await user.selectOptions(
      within(composer).getByLabelText('Reply via'),
      'Support mailbox (clara@example.org)',
    );
    expect(within(composer).queryByTestId('reply-window')).not.toBeInTheDocument();
    expect(within(composer).getByTestId('composer-input')).toBeInTheDocument();
  });

  it('speaks German', async () => {
    jest.spyOn(window.navigator, 'languages', 'get').mockReturnValue(['de-DE']);
    const { user, composer } = await openComposer({
      'GET /api/conversations/:id/reply-channels': () => whatsappWindowOptions(CLOSED_SINCE),
    });
    expect(await within(composer).findByTestId('reply-window')).toHaveTextContent(
      'Das 24-Stunden-Fenster ist seit 09:15 geschlossen: Es kann nur eine freigegebene Vorlage gesendet werden.',
    );
    await user.selectOptions(
      within(composer).getByRole('combobox', { name: 'Vorlage' }),
      'order_update (Deutsch)',
    );
    expect(within(composer).getByLabelText('Wert 2')).toBeInTheDocument();
    expect(within(composer).getByRole('button', { name: 'Vorlage senden' })).toBeDisabled();
  });
});

const pages = {
  messenger: { id: uuid(4, 'cb000000'), kind: 'messenger', name: 'Facebook page' },
  instagram: { id: uuid(5, 'cb000000'), kind: 'instagram', name: 'Instagram shop' },
  telegram: { id: uuid(6, 'cb000000'), kind: 'telegram', name: 'Telegram bot' },
} satisfies Record<string, ChannelRefDto>;

/** A channel with a reply window but no templates, as the server describes Messenger and Instagram. */
function windowOptions(channel: ChannelRefDto, closesAt: string | null): ReplyChannelOptionDto[] {
  const open = closesAt !== null && Date.parse(closesAt) > Date.now();
  return [
    { channel, address: '6021934857', isDefault: true, window: { open, closesAt }, templates: [] },
    { channel: channels.email, address: 'clara@example.org', isDefault: false },
  ];
}

describe('Composer on Messenger and Instagram: the 7-day window, no templates', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW, advanceTimers: true }));
  afterEach(() => jest.useRealTimers());

  it('says until when a reply is possible, and sends free text', async () => {
    const { network, user, composer } = await openComposer({
      'GET /api/conversations/:id/reply-channels': () => windowOptions(pages.messenger, OPEN_UNTIL),
    });
    expect(await within(composer).findByTestId('reply-window')).toHaveTextContent(
      /^Free replies possible until 2:32\sPM\.$/,
    );
    expect(within(composer).queryByRole('checkbox')).not.toBeInTheDocument();
    await user.type(within(composer).getByTestId('composer-input'), 'Gern geschehen!');
    await user.click(within(composer).getByRole('button', { name: 'Send reply' }));

    await waitFor(() => expect(sentBodies(network)).toHaveLength(1));
    expect(sentBodies(network)[0]).toMatchObject({
      type: 'reply',
      body: 'Gern geschehen!',
      channelId: pages.messenger.id,
    });
  });

  it('once the 7 days are over, says so and sends nothing: no templates, Send disabled', async () => {
    const { network, user, composer } = await openComposer({
      'GET /api/conversations/:id/reply-channels': () =>
        windowOptions(pages.messenger, CLOSED_SINCE),
    });
    const notice = await within(composer).findByTestId('reply-window');
    expect(notice).toHaveAttribute('data-state', 'closed');
    expect(notice).toHaveTextContent(
      /^The 7-day window closed at 9:15\sAM: Messenger takes no reply until the customer writes again\.$/,
    );
    expect(within(composer).queryByTestId('no-templates')).not.toBeInTheDocument();
    expect(within(composer).queryByRole('combobox', { name: 'Template' })).toBeNull();
    expect(within(composer).queryByRole('checkbox')).not.toBeInTheDocument();

    const input = within(composer).getByTestId('composer-input');
    expect(input).toHaveAccessibleDescription(notice.textContent ?? '');
    await user.type(input, 'Sind Sie noch da?');
    const send = within(composer).getByRole('button', { name: 'Send reply' });
    expect(send).toBeDisabled();
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(sentBodies(network)).toHaveLength(0);
  });

  it('says so when the customer has not written on the channel yet', async () => {
    const { composer } = await openComposer({
      'GET /api/conversations/:id/reply-channels': () => windowOptions(pages.instagram, null),
    });
    expect(await within(composer).findByTestId('reply-window')).toHaveTextContent(
      'The customer has not written to this Instagram account yet: Instagram takes replies only after they write.',
    );
    expect(within(composer).getByRole('button', { name: 'Send reply' })).toBeDisabled();
  });

  it('shows the refusal in words when the 7 days ran out meanwhile, then keeps Send disabled', async () => {
    let closesAt = OPEN_UNTIL;
    const { network, user, composer } = await openComposer({
      'GET /api/conversations/:id/reply-channels': () => windowOptions(pages.messenger, closesAt),
      'POST /api/conversations/:id/messages': () => {
        closesAt = CLOSED_SINCE;
        return apiError(
          422,
          'messages.reply_window_closed',
          'The customer last wrote on Messenger more than 7 days ago: Messenger takes no reply until they write again',
        );
      },
    });
    await within(composer).findByTestId('reply-window');
    const asked = network.to(REPLY_CHANNELS).length;
    await user.type(within(composer).getByTestId('composer-input'), 'Noch Fragen?');
    await user.click(within(composer).getByRole('button', { name: 'Send reply' }));

    expect(await within(composer).findByRole('alert')).toHaveTextContent(
      "The message wasn't sent. More than 7 days since the customer last wrote: Messenger takes no reply until they write again.",
    );
    await waitFor(() => expect(network.to(REPLY_CHANNELS).length).toBeGreaterThan(asked));
    await waitFor(() =>
      expect(within(composer).getByTestId('reply-window')).toHaveAttribute('data-state', 'closed'),
    );
    expect(within(composer).queryByRole('combobox', { name: 'Template' })).toBeNull();
    expect(within(composer).getByRole('button', { name: 'Send reply' })).toBeDisabled();
  });

  it('speaks German', async () => {
    jest.spyOn(window.navigator, 'languages', 'get').mockReturnValue(['de-DE']);
    const { composer } = await openComposer({
      'GET /api/conversations/:id/reply-channels': () =>
        windowOptions(pages.messenger, CLOSED_SINCE),
    });
    expect(await within(composer).findByTestId('reply-window')).toHaveTextContent(
      'Das 7-Tage-Fenster ist seit 09:15 geschlossen: Messenger nimmt erst wieder eine Antwort an, wenn der Kunde schreibt.',
    );
  });

  it("words any other provider's window without its rules", async () => {
    const { composer } = await openComposer({
      'GET /api/conversations/:id/reply-channels': () =>
        windowOptions(pages.telegram, CLOSED_SINCE),
    });
    expect(await within(composer).findByTestId('reply-window')).toHaveTextContent(
      /^The provider's reply window closed at 9:15\sAM: no free reply can be sent\.$/,
    );
    expect(within(composer).getByRole('button', { name: 'Send reply' })).toBeDisabled();
  });
});
