import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { MessageDto, SendSuggestionRequest } from '@touchpoint/shared';
import { deferred, type Routes } from '../../../../test/fake-api';
import { jsonResponse } from '../../../../test/fetch-mock';
import { ANNA_REF, BEN_REF, SVEN_REF } from '../../../../test/handoff-fixtures';
import { inboxRoutes, renderInbox, timelineOf } from '../../../../test/inbox-app';
import {
  CONVERSATION_ID,
  channels,
  conversationDto,
  entries,
  messageDto,
  replyDto,
} from '../../../../test/inbox-fixtures';

const THREAD = `/inbox/${CONVERSATION_ID}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Sven (pulled in from Sales) suggested how to answer Clara. */
const SUGGESTION: MessageDto = messageDto({
  seq: 2,
  type: 'note',
  channel: null,
  author: { type: 'user', id: SVEN_REF.id, name: SVEN_REF.name },
  text: 'We can do 10% on 20 chairs, delivery in two weeks.',
  suggestion: { status: 'open', sentMessageId: null },
});
const SEND_PATH = `/api/messages/${SUGGESTION.id}/send-suggestion`;

/** The API's answer: the reply, as the owner's. */
function sentReply(request: { body: unknown }) {
  const body = request.body as SendSuggestionRequest;
  return jsonResponse(
    201,
    replyDto({
      seq: 3,
      text: body.body ?? SUGGESTION.text,
      channel: channels.whatsapp,
      clientMessageId: body.clientMessageId,
    }),
  );
}

function threadRoutes(owner = ANNA_REF, overrides: Routes = {}): Routes {
  return inboxRoutes({
    'GET /api/conversations/:id': () => conversationDto({ owner }),
    'GET /api/conversations/:id/timeline': timelineOf(entries(messageDto({ seq: 1 }), SUGGESTION)),
    'POST /api/messages/:id/send-suggestion': sentReply,
    ...overrides,
  });
}

function sends(network: { to(path: string): { body: unknown }[] }): SendSuggestionRequest[] {
  return network.to(SEND_PATH).map((request) => request.body as SendSuggestionRequest);
}

async function findCard() {
  return screen.findByRole('article', { name: 'Suggested reply by Sven Sales' });
}

describe('Suggested reply', () => {
  it('is a card of its own, internal until sent', async () => {
    await renderInbox(THREAD, threadRoutes());
    const card = await findCard();
    expect(card).toHaveClass('tp-message--suggestion');
    expect(card).not.toHaveClass('tp-message--note');
    expect(within(card).getByTestId('suggestion-label')).toHaveTextContent(
      'Suggested reply by Sven Sales',
    );
    expect(card).toHaveTextContent('We can do 10% on 20 chairs');
  });

  it('the owner sends it as is with one click; a double click sends once', async () => {
    const answer = deferred<Response>();
    const { user, network } = await renderInbox(
      THREAD,
      threadRoutes(ANNA_REF, { 'POST /api/messages/:id/send-suggestion': () => answer.promise }),
    );
    const card = await findCard();
    const send = within(card).getByRole('button', { name: 'Send' });

    await user.dblClick(send);
    await user.click(send);

    expect(sends(network)).toHaveLength(1);
    expect(sends(network)[0]).toEqual({ clientMessageId: expect.stringMatching(UUID) });
    answer.resolve(
      jsonResponse(201, replyDto({ seq: 3, text: SUGGESTION.text, channel: channels.whatsapp })),
    );

    expect(await within(card).findByTestId('suggestion-sent')).toHaveTextContent(
      'Sent to the customer',
    );
    expect(within(card).queryByRole('button', { name: 'Send' })).not.toBeInTheDocument();
    // The reply itself joins the thread as Anna's.
    await waitFor(() =>
      expect(
        screen.getAllByTestId('message').filter((m) => m.dataset['type'] === 'outbound'),
      ).toHaveLength(1),
    );
    expect(sends(network)).toHaveLength(1);
  });

  it('sends once when clicks come faster than React renders', async () => {
    const answer = deferred<Response>();
    const { network } = await renderInbox(
      THREAD,
      threadRoutes(ANNA_REF, { 'POST /api/messages/:id/send-suggestion': () => answer.promise }),
    );
    const send = within(await findCard()).getByRole('button', { name: 'Send' });

    // All in one task: no re-render (and no busy button) between them.
    act(() => {
      fireEvent.click(send);
      fireEvent.click(send);
    });

    await waitFor(() => expect(sends(network)).toHaveLength(1));
    answer.resolve(jsonResponse(201, replyDto({ seq: 3, channel: channels.whatsapp })));
    await screen.findByTestId('suggestion-sent');
    expect(sends(network)).toHaveLength(1);
  });

  it('a retry after a failure reuses the same clientMessageId', async () => {
    let attempts = 0;
    const { user, network } = await renderInbox(
      THREAD,
      threadRoutes(ANNA_REF, {
        'POST /api/messages/:id/send-suggestion': (request) => {
          attempts += 1;
          return attempts === 1
            ? Promise.reject(new TypeError('Failed to fetch'))
            : sentReply(request);
        },
      }),
    );
    const card = await findCard();
    await user.click(within(card).getByRole('button', { name: 'Send' }));
    expect(await within(card).findByTestId('suggestion-error')).toHaveTextContent(
      "The server can't be reached.",
    );

    await user.click(within(card).getByRole('button', { name: 'Send' }));

    await within(card).findByTestId('suggestion-sent');
    const [first, second] = sends(network);
    expect(second?.clientMessageId).toBe(first?.clientMessageId);
  });

  it('Edit puts it into the composer as a reply; sending sends the suggestion with the edited text', async () => {
    const { user, network } = await renderInbox(THREAD, threadRoutes());
    const card = await findCard();

    await user.click(within(card).getByRole('button', { name: 'Edit' }));

    const composer = screen.getByTestId('composer');
    const input = within(composer).getByTestId('composer-input');
    expect(composer).toHaveAttribute('data-mode', 'reply');
    expect(input).toHaveValue(SUGGESTION.text);
    expect(input).toHaveFocus();
    expect(within(composer).getByTestId('suggestion-edit')).toHaveTextContent(
      'You are sending the reply Sven Sales suggested.',
    );
    expect(within(card).getByText('Editing in the composer')).toBeInTheDocument();

    await user.clear(input);
    await user.type(input, 'Dear Clara, we can do 10% on 20 chairs.');
    await user.click(within(composer).getByRole('button', { name: 'Send reply' }));

    await waitFor(() => expect(sends(network)).toHaveLength(1));
    expect(sends(network)[0]).toEqual({
      body: 'Dear Clara, we can do 10% on 20 chairs.',
      channelId: channels.whatsapp.id,
      clientMessageId: expect.stringMatching(UUID),
    });
    expect(network.to(`/api/conversations/${CONVERSATION_ID}/messages`)).toHaveLength(0);
    await waitFor(() => expect(input).toHaveValue(''));
    expect(within(composer).queryByTestId('suggestion-edit')).not.toBeInTheDocument();
    expect(await within(card).findByTestId('suggestion-sent')).toBeInTheDocument();
  });

  it('discarding the edit makes the composer a plain reply again', async () => {
    const { user, network } = await renderInbox(
      THREAD,
      threadRoutes(ANNA_REF, {
        'POST /api/conversations/:id/messages': () =>
          jsonResponse(201, replyDto({ seq: 3, text: 'Own words' })),
      }),
    );
    await user.click(within(await findCard()).getByRole('button', { name: 'Edit' }));
    const composer = screen.getByTestId('composer');
    await user.click(within(composer).getByRole('button', { name: 'Discard' }));

    const input = within(composer).getByTestId('composer-input');
    expect(input).toHaveValue('');
    await user.type(input, 'Own words');
    await user.click(within(composer).getByRole('button', { name: 'Send reply' }));

    await waitFor(() =>
      expect(network.to(`/api/conversations/${CONVERSATION_ID}/messages`)).toHaveLength(1),
    );
    expect(sends(network)).toHaveLength(0);
  });

  it('others only see that it waits for the owner', async () => {
    await renderInbox(THREAD, threadRoutes(BEN_REF));
    const card = await findCard();
    expect(card).toHaveTextContent('Internal: waiting for Ben Busy to send it');
    expect(within(card).queryByRole('button', { name: 'Send' })).not.toBeInTheDocument();
    expect(within(card).queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
  });

  it('a sent one says so, without actions', async () => {
    await renderInbox(
      THREAD,
      threadRoutes(ANNA_REF, {
        'GET /api/conversations/:id/timeline': timelineOf(
          entries(messageDto({ seq: 1 }), {
            ...SUGGESTION,
            suggestion: { status: 'sent', sentMessageId: 'x' },
          }),
        ),
      }),
    );
    const card = await findCard();
    expect(within(card).getByTestId('suggestion-sent')).toBeInTheDocument();
    expect(within(card).queryByRole('button')).not.toBeInTheDocument();
  });
});
