import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { REALTIME_EVENTS, type SendMessageRequest } from '@touchpoint/shared';
import { deferred } from '../../../../test/fake-api';
import { apiError, jsonResponse, networkFailure } from '../../../../test/fetch-mock';
import {
  CONVERSATION_ID,
  channels,
  conversationDto,
  conversationSummary,
  messageDto,
  replyDto,
  uuid,
} from '../../../../test/inbox-fixtures';
import { inboxRoutes, renderInbox } from '../../../../test/inbox-app';
import { userWithRole } from '../../../../test/fixtures';
import { ANNA_REF, BEN_REF } from '../../../../test/handoff-fixtures';

const THREAD = `/inbox/${CONVERSATION_ID}`;
const MESSAGES = `/api/conversations/${CONVERSATION_ID}/messages`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let nextSeq = 10;
/** The API's answer to a send: the stored message, queued if it is a reply. */
function stored(request: { body: unknown }) {
  const body = request.body as SendMessageRequest;
  nextSeq += 1;
  const message =
    body.type !== 'reply'
      ? messageDto({
          seq: nextSeq,
          type: 'note',
          channel: null,
          text: body.body,
          author: { type: 'user', id: null, name: 'Anna Agent' },
          suggestion: body.type === 'suggestion' ? { status: 'open', sentMessageId: null } : null,
        })
      : replyDto({
          seq: nextSeq,
          text: body.body,
          channel: body.channelId === channels.email.id ? channels.email : channels.whatsapp,
          clientMessageId: body.clientMessageId,
        });
  return jsonResponse(201, message);
}

function sentBodies(network: { to(path: string): { body: unknown }[] }): SendMessageRequest[] {
  return network.to(MESSAGES).map((request) => request.body as SendMessageRequest);
}

async function openComposer(
  routes = inboxRoutes({ [`POST /api/conversations/:id/messages`]: stored }),
) {
  const app = await renderInbox(THREAD, routes);
  const composer = await screen.findByTestId('composer');
  const input = within(composer).getByTestId('composer-input');
  return { ...app, composer, input };
}

describe('Composer', () => {
  it('sends a reply on the default channel, preset from the reply channels', async () => {
    const { network, user, composer, input } = await openComposer();
    const picker = await within(composer).findByLabelText('Reply via');
    expect(picker).toHaveValue(channels.whatsapp.id);
    expect(
      within(picker)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Support mailbox (clara@example.org)', 'WhatsApp Service (+4915112345678)']);
    expect(input).toHaveAttribute('placeholder', 'Write a reply to Clara Customer…');

    await user.type(input, 'Your offer is attached.');
    await user.click(within(composer).getByRole('button', { name: 'Send reply' }));

    await waitFor(() => expect(sentBodies(network)).toHaveLength(1));
    expect(sentBodies(network)[0]).toEqual({
      type: 'reply',
      body: 'Your offer is attached.',
      channelId: channels.whatsapp.id,
      clientMessageId: expect.stringMatching(UUID),
      // The last timeline position the writer saw, for the server's collision check.
      lastSeenSeq: 0,
    });
    await waitFor(() => expect(input).toHaveValue(''));
    expect(await screen.findByText('Your offer is attached.')).toBeInTheDocument();
  });

  it('sends the reply on the channel the agent picked', async () => {
    const { network, user, composer, input } = await openComposer();
    await user.selectOptions(
      await within(composer).findByLabelText('Reply via'),
      'Support mailbox (clara@example.org)',
    );
    await user.type(input, 'By mail, then.');
    await user.click(within(composer).getByRole('button', { name: 'Send reply' }));

    await waitFor(() => expect(sentBodies(network)[0]?.channelId).toBe(channels.email.id));
  });

  it('warns when a colleague answered meanwhile, and sends the same reply only when confirmed', async () => {
    let calls = 0;
    const { network, user, composer, input } = await openComposer(
      inboxRoutes({
        [`POST /api/conversations/:id/messages`]: (request) =>
          ++calls === 1
            ? apiError(
                409,
                'messages.replied_meanwhile',
                'Ben replied to the customer while you were writing',
              )
            : stored(request),
      }),
    );
    await user.type(input, 'Here is the offer.');
    await user.click(within(composer).getByRole('button', { name: 'Send reply' }));

    const warning = await within(composer).findByTestId('composer-collision');
    expect(warning).toHaveTextContent('A colleague answered the customer while you were writing');
    expect(within(composer).queryByTestId('composer-error')).not.toBeInTheDocument();
    const [first] = sentBodies(network);
    expect(typeof first?.lastSeenSeq).toBe('number');
    expect(first?.force).toBeUndefined();

    await user.click(within(warning).getByRole('button', { name: 'Send anyway' }));
    await waitFor(() => expect(sentBodies(network)).toHaveLength(2));
    const [, second] = sentBodies(network);
    expect(second).toMatchObject({
      type: 'reply',
      body: 'Here is the offer.',
      force: true,
      clientMessageId: first?.clientMessageId,
    });
    await waitFor(() =>
      expect(within(composer).queryByTestId('composer-collision')).not.toBeInTheDocument(),
    );
  });

  it('writes an internal note: yellow, says it stays internal, sent as a note without channel', async () => {
    const { network, user, composer, input } = await openComposer();
    await within(composer).findByLabelText('Reply via');

    await user.click(within(composer).getByRole('radio', { name: 'Internal note' }));

    expect(composer).toHaveClass('tp-composer--note');
    expect(within(composer).getByTestId('note-hint')).toHaveTextContent(
      'Internal: only colleagues see this note.',
    );
    expect(input).toHaveAttribute(
      'placeholder',
      expect.stringContaining('the customer never sees it'),
    );
    expect(input).toHaveAccessibleDescription('Internal: only colleagues see this note.');
    expect(within(composer).queryByLabelText('Reply via')).not.toBeInTheDocument();

    await user.type(input, 'Ask Sales about the discount.');
    await user.click(within(composer).getByRole('button', { name: 'Add note' }));

    await waitFor(() => expect(sentBodies(network)).toHaveLength(1));
    expect(sentBodies(network)[0]).toEqual({
      type: 'note',
      body: 'Ask Sales about the discount.',
      clientMessageId: expect.stringMatching(UUID),
    });
    const note = (await screen.findByText('Ask Sales about the discount.')).closest('article');
    expect(note).toHaveClass('tp-message--note');
    expect(within(note as HTMLElement).getByText('Internal note')).toBeInTheDocument();
  });

  it('sends with Ctrl+Enter and Cmd+Enter, but not with a plain Enter', async () => {
    const { network, user, input } = await openComposer();

    await user.type(input, 'First line{Enter}second line');
    expect(sentBodies(network)).toHaveLength(0);
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(sentBodies(network)).toHaveLength(1));
    expect(sentBodies(network)[0]?.body).toBe('First line\nsecond line');

    await waitFor(() => expect(input).toHaveValue(''));
    await user.type(input, 'From a Mac');
    await user.keyboard('{Meta>}{Enter}{/Meta}');
    await waitFor(() => expect(sentBodies(network)).toHaveLength(2));
  });

  it('sends one request for a double click, Ctrl+Enter on top, while the first is on its way', async () => {
    const answer = deferred<Response>();
    const { network, user, composer, input } = await openComposer(
      inboxRoutes({ 'POST /api/conversations/:id/messages': () => answer.promise }),
    );
    await user.type(input, 'Only once, please.');
    const send = within(composer).getByRole('button', { name: 'Send reply' });

    await user.dblClick(send);
    await user.keyboard('{Control>}{Enter}{/Control}');
    await user.click(send);

    expect(sentBodies(network)).toHaveLength(1);
    expect(send).toHaveAttribute('aria-busy', 'true');
    answer.resolve(jsonResponse(201, replyDto({ seq: 11, text: 'Only once, please.' })));
    await waitFor(() => expect(input).toHaveValue(''));
    expect(sentBodies(network)).toHaveLength(1);
  });

  it('sends one request when clicks come faster than React renders', async () => {
    const answer = deferred<Response>();
    const { network, user, composer, input } = await openComposer(
      inboxRoutes({ 'POST /api/conversations/:id/messages': () => answer.promise }),
    );
    await user.type(input, 'Quick fingers.');
    const send = within(composer).getByRole('button', { name: 'Send reply' });

    // All in one task: no re-render (and no busy button) between them.
    act(() => {
      fireEvent.click(send);
      fireEvent.click(send);
      fireEvent.keyDown(input, { key: 'Enter', ctrlKey: true });
    });

    await waitFor(() => expect(sentBodies(network)).toHaveLength(1));
    answer.resolve(jsonResponse(201, replyDto({ seq: 11, text: 'Quick fingers.' })));
    await waitFor(() => expect(input).toHaveValue(''));
    expect(sentBodies(network)).toHaveLength(1);
  });

  it('keeps the draft on failure, shows the error, and retries with the same clientMessageId', async () => {
    let attempts = 0;
    const { network, user, composer, input } = await openComposer(
      inboxRoutes({
        'POST /api/conversations/:id/messages': (request) => {
          attempts += 1;
          return attempts === 1 ? networkFailure() : stored(request);
        },
      }),
    );
    await user.type(input, 'Are you there?');
    await user.click(within(composer).getByRole('button', { name: 'Send reply' }));

    expect(await within(composer).findByTestId('composer-error')).toHaveTextContent(
      "The message wasn't sent. The server can't be reached.",
    );
    expect(input).toHaveValue('Are you there?');

    await user.click(within(composer).getByRole('button', { name: 'Send reply' }));
    await waitFor(() => expect(input).toHaveValue(''));
    const [first, second] = sentBodies(network);
    expect(second?.clientMessageId).toBe(first?.clientMessageId);
    expect(within(composer).queryByTestId('composer-error')).not.toBeInTheDocument();

    // The next message is a new draft with a new id.
    await user.type(input, 'Next question');
    await user.click(within(composer).getByRole('button', { name: 'Send reply' }));
    await waitFor(() => expect(sentBodies(network)).toHaveLength(3));
    expect(sentBodies(network)[2]?.clientMessageId).not.toBe(first?.clientMessageId);
  });

  it('shows what the API refused', async () => {
    const { user, composer, input } = await openComposer(
      inboxRoutes({
        'POST /api/conversations/:id/messages': () =>
          apiError(400, 'validation_failed', 'Validation failed', {
            details: [{ path: 'body', message: 'must be at most 20000 characters' }],
          }),
      }),
    );
    await user.type(input, 'Too long, pretend.');
    await user.click(within(composer).getByRole('button', { name: 'Send reply' }));

    expect(await within(composer).findByRole('alert')).toHaveTextContent(
      'Validation failed: body must be at most 20000 characters',
    );
  });

  it('keeps a draft per conversation while switching between them', async () => {
    const other = conversationSummary({
      id: uuid(2),
      contact: { id: uuid(2, 'ca000000'), name: 'David Doe' },
    });
    const { user } = await openComposer(
      inboxRoutes({
        'GET /api/conversations': () => ({
          items: [conversationSummary(), other],
          nextCursor: null,
        }),
        'GET /api/conversations/:id': (request) =>
          conversationDto(request.params['id'] === other.id ? other : conversationSummary()),
      }),
    );
    await user.type(screen.getByTestId('composer-input'), 'Half-written answer for Clara');
    await user.click(
      within(screen.getByTestId('composer')).getByRole('radio', { name: 'Internal note' }),
    );

    await user.click(screen.getByRole('link', { name: /David Doe/ }));
    await waitFor(() =>
      expect(screen.getByTestId('thread-contact')).toHaveTextContent('David Doe'),
    );
    expect(screen.getByTestId('composer-input')).toHaveValue('');
    expect(screen.getByTestId('composer')).toHaveAttribute('data-mode', 'reply');

    await user.click(screen.getByRole('link', { name: /Clara Customer/ }));
    await waitFor(() =>
      expect(screen.getByTestId('thread-contact')).toHaveTextContent('Clara Customer'),
    );
    expect(screen.getByTestId('composer-input')).toHaveValue('Half-written answer for Clara');
    expect(screen.getByTestId('composer')).toHaveAttribute('data-mode', 'note');
  });

  it('speaks German: "Interne Notiz"', async () => {
    jest.spyOn(window.navigator, 'languages', 'get').mockReturnValue(['de-DE']);
    const { user, composer } = await openComposer();
    await user.click(within(composer).getByRole('radio', { name: 'Interne Notiz' }));
    expect(within(composer).getByRole('button', { name: 'Notiz hinzufügen' })).toBeInTheDocument();
    expect(within(composer).getByTestId('composer-input')).toHaveAttribute(
      'placeholder',
      expect.stringContaining('Der Kunde sieht sie nie'),
    );
  });

  describe('on a conversation someone else owns', () => {
    function modeNames(composer: HTMLElement): string[] {
      return within(composer)
        .getAllByRole('radio')
        .map((radio) => radio.closest('label')?.textContent ?? '');
    }

    it('offers a note or a suggested reply, not a reply, and sends a suggestion for the owner', async () => {
      const { network, user, composer, input } = await openComposer(
        inboxRoutes({
          'GET /api/conversations/:id': () => conversationDto({ owner: BEN_REF }),
          'POST /api/conversations/:id/messages': stored,
        }),
      );
      await waitFor(() => expect(modeNames(composer)).toEqual(['Internal note', 'Suggest reply']));
      expect(within(composer).queryByRole('radio', { name: 'Reply' })).not.toBeInTheDocument();
      expect(composer).toHaveAttribute('data-mode', 'note');
      expect(within(composer).queryByLabelText('Reply via')).not.toBeInTheDocument();

      await user.click(within(composer).getByRole('radio', { name: 'Suggest reply' }));
      expect(composer).toHaveAttribute('data-mode', 'suggestion');
      expect(input).toHaveAccessibleDescription(
        'Internal: Ben Busy reviews your suggestion and sends it to the customer.',
      );
      expect(within(composer).queryByLabelText('Reply via')).not.toBeInTheDocument();

      await user.type(input, 'Offer 10% on 20 chairs?');
      await user.click(within(composer).getByRole('button', { name: 'Suggest reply' }));

      await waitFor(() => expect(sentBodies(network)).toHaveLength(1));
      expect(sentBodies(network)[0]).toEqual({
        type: 'suggestion',
        body: 'Offer 10% on 20 chairs?',
        clientMessageId: expect.stringMatching(UUID),
      });
      const card = await screen.findByRole('article', { name: 'Suggested reply by Anna Agent' });
      expect(card).toHaveTextContent('Offer 10% on 20 chairs?');
    });

    it('lets a supervisor reply, note or suggest', async () => {
      const { composer } = await openComposer(
        inboxRoutes(
          {
            'GET /api/conversations/:id': () => conversationDto({ owner: BEN_REF, mayReply: true }),
          },
          userWithRole('supervisor'),
        ),
      );
      await waitFor(() =>
        expect(modeNames(composer)).toEqual(['Reply', 'Internal note', 'Suggest reply']),
      );
      expect(composer).toHaveAttribute('data-mode', 'reply');
    });

    it('keeps reply and note for the owner, without suggesting to oneself', async () => {
      const { composer } = await openComposer(
        inboxRoutes({ 'GET /api/conversations/:id': () => conversationDto({ owner: ANNA_REF }) }),
      );
      expect(modeNames(composer)).toEqual(['Reply', 'Internal note']);
    });

    it('offers the reply to a specialist the server lets reply (mayReply), and sends it', async () => {
      const { network, user, composer, input } = await openComposer(
        inboxRoutes({
          'GET /api/conversations/:id': () => conversationDto({ owner: BEN_REF, mayReply: true }),
          'POST /api/conversations/:id/messages': stored,
        }),
      );
      await waitFor(() =>
        expect(modeNames(composer)).toEqual(['Reply', 'Internal note', 'Suggest reply']),
      );
      expect(composer).toHaveAttribute('data-mode', 'reply');

      await user.type(input, 'The offer is attached.');
      await user.click(within(composer).getByRole('button', { name: 'Send reply' }));
      await waitFor(() => expect(sentBodies(network)[0]?.type).toBe('reply'));
    });

    it('follows the server when it says no reply (mayReply false), even while unowned', async () => {
      const { composer } = await openComposer(
        inboxRoutes({
          'GET /api/conversations/:id': () => conversationDto({ owner: null, mayReply: false }),
        }),
      );
      await waitFor(() => expect(modeNames(composer)).toEqual(['Internal note', 'Suggest reply']));
    });
  });

  describe('typing', () => {
    beforeEach(() => jest.useFakeTimers({ advanceTimers: true }));
    afterEach(() => jest.useRealTimers());

    const typed = (input: HTMLElement, value: string) =>
      fireEvent.change(input, { target: { value } });
    const signals = (socket: { sentPayloads(event: string): unknown[] }) =>
      socket.sentPayloads(REALTIME_EVENTS.conversationTyping);
    const signal = (typing: boolean, kind = 'reply') => ({
      conversationId: CONVERSATION_ID,
      typing,
      kind,
    });

    it('tells colleagues at most every 3 seconds while typing, and stops after 4 idle seconds', async () => {
      const { socket, input } = await openComposer();

      typed(input, 'H');
      act(() => jest.advanceTimersByTime(1000));
      typed(input, 'He');
      act(() => jest.advanceTimersByTime(1000));
      typed(input, 'Hel');
      expect(signals(socket)).toEqual([signal(true)]);

      act(() => jest.advanceTimersByTime(1000));
      typed(input, 'Hell'); // 3 s after the first signal: repeated, so it does not expire
      expect(signals(socket)).toEqual([signal(true), signal(true)]);

      act(() => jest.advanceTimersByTime(3900));
      expect(signals(socket)).toHaveLength(2);
      act(() => jest.advanceTimersByTime(200));
      expect(signals(socket)).toEqual([signal(true), signal(true), signal(false)]);

      // Nothing more while idle.
      act(() => jest.advanceTimersByTime(10_000));
      expect(signals(socket)).toHaveLength(3);
    });

    it('stops on send, and tells the kind of message (a note is not announced to the customer)', async () => {
      const { socket, composer, input } = await openComposer();
      fireEvent.click(within(composer).getByRole('radio', { name: 'Internal note' }));

      typed(input, 'Customer is VIP');
      expect(signals(socket)).toEqual([signal(true, 'note')]);

      fireEvent.click(within(composer).getByRole('button', { name: 'Add note' }));
      expect(signals(socket)).toEqual([signal(true, 'note'), signal(false, 'note')]);
      // The idle timer of the last keystroke says nothing more.
      act(() => jest.advanceTimersByTime(5000));
      expect(signals(socket)).toHaveLength(2);
    });

    it('stops when the text is deleted and when the conversation is left', async () => {
      const { socket, input, user } = await openComposer();
      typed(input, 'Hi');
      typed(input, '');
      expect(signals(socket)).toEqual([signal(true), signal(false)]);

      typed(input, 'Hi again');
      await user.click(screen.getByRole('link', { name: 'Back to the list' }));
      await screen.findByRole('heading', { name: 'Select a conversation' });
      expect(signals(socket)).toEqual([signal(true), signal(false), signal(true), signal(false)]);
    });
  });
});
