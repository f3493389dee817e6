import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  REALTIME_EVENTS,
  REALTIME_JOIN_CONVERSATION,
  REALTIME_LEAVE_CONVERSATION,
  type TimelineEntryDto,
} from '@touchpoint/shared';
import { apiError } from '../../../../test/fetch-mock';
import {
  CONVERSATION_ID,
  channels,
  conversationDto,
  conversationSummary,
  entries,
  eventDto,
  messageDto,
  replyDto,
  timelineDto,
  uuid,
} from '../../../../test/inbox-fixtures';
import { ANNA, inboxRoutes, renderInbox, serverPush, timelineOf } from '../../../../test/inbox-app';

const THREAD = `/inbox/${CONVERSATION_ID}`;

function messageSeqs(): number[] {
  return screen.getAllByTestId('message').map((message) => Number(message.dataset['seq']));
}

/** The timeline requests made, as `after N` (forward) or `before N` (backward from the end). */
function timelineRequests(network: { to(path: string): { url: string }[] }) {
  return network.to(`/api/conversations/${CONVERSATION_ID}/timeline`).map((request) => {
    const query = new URLSearchParams(request.url.split('?')[1]);
    const before = query.get('before');
    return before === null ? `after ${query.get('after')}` : `before ${before}`;
  });
}

const emailIn = messageDto({
  seq: 1,
  channel: channels.email,
  subject: 'Offer for 20 chairs',
  text: 'Could you send me an offer?',
  html: '<p>Could you send me an <b>offer</b>?</p>',
  quoted: '> On Monday, Sales wrote:\n> Please call us.',
  attachments: [
    {
      id: uuid(1, 'af000000'),
      filename: 'floor-plan.png',
      contentType: 'image/png',
      size: 48_000,
      url: '/files/signed/floor-plan.png?sig=abc',
      inline: false,
    },
    {
      id: uuid(2, 'af000000'),
      filename: 'order.pdf',
      contentType: 'application/pdf',
      size: 2_400_000,
      url: '/files/signed/order.pdf?sig=def',
      inline: false,
    },
  ],
});
const claimed = eventDto({
  seq: 2,
  kind: 'conversation.assigned',
  actor: { id: ANNA.id, name: 'Anna Agent' },
  data: { owner: { id: ANNA.id, name: 'Anna Agent' } },
});
const whatsappIn = messageDto({
  seq: 3,
  channel: channels.whatsapp,
  text: 'Also by WhatsApp: any news?',
});
const switched = eventDto({
  seq: 4,
  kind: 'conversation.channel_switched',
  data: { from: channels.email, to: channels.whatsapp },
});
const replyOut = replyDto({
  seq: 5,
  channel: channels.whatsapp,
  text: 'The offer is on its way.',
  deliveryStatus: 'delivered',
});
const note = messageDto({
  seq: 6,
  type: 'note',
  channel: null,
  author: { type: 'user', id: ANNA.id, name: 'Anna Agent' },
  text: 'Sales says 10% discount is fine.',
});

const RICH_TIMELINE = entries(emailIn, claimed, whatsappIn, switched, replyOut, note);

describe('Conversation thread', () => {
  it('interleaves every channel by seq, marks each message with its channel and sides', async () => {
    await renderInbox(
      THREAD,
      inboxRoutes({ 'GET /api/conversations/:id/timeline': timelineOf(RICH_TIMELINE) }),
    );

    await waitFor(() => expect(messageSeqs()).toEqual([1, 3, 5, 6]));
    const [email, whatsapp, reply, internal] = screen.getAllByTestId('message');
    if (!email || !whatsapp || !reply || !internal) throw new Error('four messages expected');

    expect(within(email).getByTestId('message-channel')).toHaveTextContent('Support mailbox');
    expect(within(email).getByTestId('channel-icon')).toHaveAttribute('title', 'Email');
    expect(within(whatsapp).getByTestId('message-channel')).toHaveTextContent('WhatsApp Service');
    expect(within(whatsapp).getByTestId('channel-icon')).toHaveAttribute('title', 'WhatsApp');
    expect(within(reply).getByTestId('message-channel')).toHaveTextContent('WhatsApp Service');
    expect(email).toHaveClass('tp-message--inbound');
    expect(whatsapp).toHaveClass('tp-message--inbound');
    expect(reply).toHaveClass('tp-message--outbound');

    const events = screen.getAllByTestId('timeline-event');
    expect(events.map((event) => event.textContent?.split(' · ')[0])).toEqual([
      'Anna Agent claimed the conversation',
      'The customer switched from Support mailbox to WhatsApp Service',
    ]);
    // Events sit between the messages, in seq order.
    const order = [...screen.getByTestId('timeline').querySelectorAll('.tp-timeline__entry')].map(
      (entry) => {
        const content = entry.firstElementChild;
        return content?.getAttribute('data-seq') ?? content?.getAttribute('data-kind');
      },
    );
    expect(order).toEqual([
      '1',
      'conversation.assigned',
      '3',
      'conversation.channel_switched',
      '5',
      '6',
    ]);
  });

  it('shows notes as internal: yellow, labelled, without a channel or delivery state', async () => {
    await renderInbox(
      THREAD,
      inboxRoutes({ 'GET /api/conversations/:id/timeline': timelineOf(RICH_TIMELINE) }),
    );

    const internal = (await screen.findAllByTestId('message')).find(
      (message) => message.dataset['type'] === 'note',
    );
    if (!internal) throw new Error('a note expected');
    expect(internal).toHaveClass('tp-message--note');
    expect(within(internal).getByTestId('note-label')).toHaveTextContent('Internal note');
    expect(internal).toHaveAccessibleName('Internal note');
    expect(within(internal).queryByTestId('message-channel')).not.toBeInTheDocument();
    expect(within(internal).queryByTestId('delivery-status')).not.toBeInTheDocument();
  });

  it('says when characters of a customer message were replaced, and only then', async () => {
    const odd = messageDto({ seq: 1, text: 'My order\ufffdis late', charactersReplaced: true });
    const clean = messageDto({ seq: 2, text: 'Any news?' });
    await renderInbox(
      THREAD,
      inboxRoutes({ 'GET /api/conversations/:id/timeline': timelineOf(entries(odd, clean)) }),
    );

    const [first, second] = await screen.findAllByTestId('message');
    expect(within(first).getByTestId('characters-replaced')).toHaveTextContent(
      'Some characters could not be shown and were replaced',
    );
    expect(within(second).queryByTestId('characters-replaced')).not.toBeInTheDocument();
  });

  it("lists the attachments the customer's system named that were not fetched, and why", async () => {
    const partial = messageDto({
      seq: 1,
      text: 'Photos attached',
      droppedAttachments: ['damage.jpg: larger than 20 MB'],
    });
    const whole = messageDto({ seq: 2, text: 'One more' });
    await renderInbox(
      THREAD,
      inboxRoutes({ 'GET /api/conversations/:id/timeline': timelineOf(entries(partial, whole)) }),
    );

    const [first, second] = await screen.findAllByTestId('message');
    const hint = within(first).getByTestId('dropped-attachments');
    expect(hint).toHaveTextContent('This attachment was not received:');
    expect(within(hint).getByRole('listitem')).toHaveTextContent('damage.jpg: larger than 20 MB');
    expect(within(second).queryByTestId('dropped-attachments')).not.toBeInTheDocument();
  });

  it('renders an email: subject, HTML in a sandbox without scripts, quoted history collapsed, attachments', async () => {
    const { user } = await renderInbox(
      THREAD,
      inboxRoutes({ 'GET /api/conversations/:id/timeline': timelineOf(RICH_TIMELINE) }),
    );
    const [email] = await screen.findAllByTestId('message');
    if (!email) throw new Error('the email expected');

    expect(within(email).getByTestId('message-subject')).toHaveTextContent('Offer for 20 chairs');
    const frame = within(email).getByTitle('Email from Clara Customer');
    expect(frame.tagName).toBe('IFRAME');
    const sandbox = frame.getAttribute('sandbox') ?? '';
    expect(sandbox).not.toContain('allow-scripts');
    expect(frame.getAttribute('srcdoc')).toContain('Could you send me an <b>offer</b>?');

    const quoted = within(email).getByTestId('quoted-history');
    expect(quoted).not.toBeVisible();
    await user.click(within(email).getByRole('button', { name: 'Show quoted text' }));
    expect(quoted).toBeVisible();
    expect(quoted).toHaveTextContent('Sales wrote');
    expect(within(email).getByRole('button', { name: 'Hide quoted text' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );

    const [image, pdf] = within(email).getAllByTestId('attachment');
    // An image shows as a thumbnail that opens the lightbox; other files are links.
    expect(image?.tagName).toBe('BUTTON');
    expect(
      within(image as HTMLElement).getByRole('img', { name: 'floor-plan.png' }),
    ).toHaveAttribute('src', '/files/signed/floor-plan.png?sig=abc');
    expect(pdf).toHaveAttribute('href', '/files/signed/order.pdf?sig=def');
    expect(pdf).toHaveTextContent('order.pdf');
  });

  it('shows the delivery of replies and follows it live', async () => {
    const queued = replyDto({ seq: 2, deliveryStatus: 'queued' });
    const { socket } = await renderInbox(
      THREAD,
      inboxRoutes({
        'GET /api/conversations/:id/timeline': timelineOf(entries(messageDto({ seq: 1 }), queued)),
      }),
    );
    const status = await screen.findByTestId('delivery-status');
    expect(status).toHaveTextContent('Queued');

    for (const [next, text] of [
      ['sending', 'Sending'],
      ['sent', 'Sent'],
      ['delivered', 'Delivered'],
    ] as const) {
      serverPush(socket, REALTIME_EVENTS.messageUpdated, {
        conversationId: CONVERSATION_ID,
        seq: 2,
        message: { ...queued, deliveryStatus: next },
      });
      await waitFor(() => expect(screen.getByTestId('delivery-status')).toHaveTextContent(text));
    }
    expect(screen.getAllByTestId('message')).toHaveLength(2);
  });

  it('shows why a reply failed, and Retry asks the API to send it again', async () => {
    const failed = replyDto({
      seq: 2,
      deliveryStatus: 'failed',
      deliveryError: 'Recipient mailbox is full',
    });
    const { network, user } = await renderInbox(
      THREAD,
      inboxRoutes({
        'GET /api/conversations/:id/timeline': timelineOf(entries(messageDto({ seq: 1 }), failed)),
        'POST /api/messages/:id/retry': () => ({
          ...failed,
          deliveryStatus: 'queued',
          deliveryError: null,
        }),
      }),
    );
    const status = await screen.findByTestId('delivery-status');
    expect(status).toHaveTextContent('Failed');
    expect(within(status).getByTestId('delivery-error')).toHaveTextContent(
      'Recipient mailbox is full',
    );

    await user.click(within(status).getByRole('button', { name: 'Retry' }));

    await waitFor(() => expect(screen.getByTestId('delivery-status')).toHaveTextContent('Queued'));
    expect(network.to(`/api/messages/${failed.id}/retry`)).toHaveLength(1);
    expect(network.to(`/api/messages/${failed.id}/retry`)[0]?.method).toBe('POST');
    expect(screen.queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument();
  });

  it('appends a message.created to the open thread once, even when the event comes twice', async () => {
    const { socket } = await renderInbox(
      THREAD,
      inboxRoutes({
        'GET /api/conversations/:id/timeline': timelineOf(entries(messageDto({ seq: 1 }))),
      }),
    );
    await waitFor(() => expect(messageSeqs()).toEqual([1]));
    const next = messageDto({ seq: 2, channel: channels.whatsapp, text: 'Hello again' });

    serverPush(socket, REALTIME_EVENTS.messageCreated, {
      conversationId: CONVERSATION_ID,
      seq: 2,
      message: next,
    });
    serverPush(socket, REALTIME_EVENTS.messageCreated, {
      conversationId: CONVERSATION_ID,
      seq: 2,
      message: next,
    });

    await waitFor(() => expect(messageSeqs()).toEqual([1, 2]));
    expect(screen.getAllByText('Hello again')).toHaveLength(1);
  });

  it('joins the conversation room when opened and leaves it when closed', async () => {
    const { socket, user } = await renderInbox(THREAD);
    await screen.findByTestId('thread-contact');
    await waitFor(() =>
      expect(socket.sentPayloads(REALTIME_JOIN_CONVERSATION)).toEqual([
        { conversationId: CONVERSATION_ID },
      ]),
    );

    await user.click(screen.getByRole('link', { name: 'Back to the list' }));

    await screen.findByRole('heading', { name: 'Select a conversation' });
    expect(socket.sentPayloads(REALTIME_LEAVE_CONVERSATION)).toEqual([
      { conversationId: CONVERSATION_ID },
    ]);
  });

  it('after a reconnect re-joins, fetches the timeline after its last seq and merges without duplicates', async () => {
    const all: TimelineEntryDto[] = entries(
      messageDto({ seq: 1 }),
      messageDto({ seq: 2, text: 'Second' }),
    );
    const { socket, network } = await renderInbox(
      THREAD,
      inboxRoutes({
        'GET /api/conversations/:id': () => conversationDto({ lastSeq: 2 }),
        // A server that answers generously, overlapping what we have: the merge must not care.
        'GET /api/conversations/:id/timeline': (request) => {
          if (request.query.has('before')) return timelineOf(all)(request);
          const after = Math.max(0, Number(request.query.get('after')) - 1);
          return timelineDto(all.filter((entry) => entry.seq > after));
        },
      }),
    );
    await waitFor(() => expect(messageSeqs()).toEqual([1, 2]));
    expect(timelineRequests(network)).toEqual(['before 3', 'after 2']);

    act(() => socket.drop());
    // While we were away: a message and a claim, announced by events we never got.
    all.push(
      ...entries(
        messageDto({ seq: 3, text: 'Missed while offline' }),
        eventDto({
          seq: 4,
          kind: 'conversation.assigned',
          actor: { id: ANNA.id, name: 'Anna Agent' },
          data: { owner: { id: ANNA.id, name: 'Anna Agent' } },
        }),
      ),
    );
    act(() => socket.accept());

    await waitFor(() => expect(messageSeqs()).toEqual([1, 2, 3]));
    expect(timelineRequests(network)).toEqual(['before 3', 'after 2', 'after 2']);
    expect(socket.sentPayloads(REALTIME_JOIN_CONVERSATION)).toEqual([
      { conversationId: CONVERSATION_ID },
      { conversationId: CONVERSATION_ID },
    ]);
    expect(screen.getAllByText('Second')).toHaveLength(1);
    expect(screen.getByText(/Anna Agent claimed the conversation/)).toBeInTheDocument();
  });

  it('catches up from before the gap even when a newer message arrives live first', async () => {
    const all: TimelineEntryDto[] = entries(messageDto({ seq: 1 }), messageDto({ seq: 2 }));
    const { socket, network } = await renderInbox(
      THREAD,
      inboxRoutes({
        'GET /api/conversations/:id': () => conversationDto({ lastSeq: 2 }),
        'GET /api/conversations/:id/timeline': timelineOf(all),
      }),
    );
    await waitFor(() => expect(messageSeqs()).toEqual([1, 2]));
    expect(timelineRequests(network)).toEqual(['before 3', 'after 2']);

    act(() => socket.drop());
    all.push(
      ...entries(
        messageDto({ seq: 3, text: 'Missed while offline' }),
        messageDto({ seq: 4, text: 'Arrives twice' }),
      ),
    );
    act(() => socket.accept());
    serverPush(socket, REALTIME_EVENTS.messageCreated, {
      conversationId: CONVERSATION_ID,
      seq: 4,
      message: messageDto({ seq: 4, text: 'Arrives twice' }),
    });

    await waitFor(() => expect(messageSeqs()).toEqual([1, 2, 3, 4]));
    // Every catch-up (the gap before seq 4, the re-join) asks from before the gap, never after 4.
    const catchUps = timelineRequests(network).slice(2);
    expect(catchUps.length).toBeGreaterThan(0);
    expect(new Set(catchUps)).toEqual(new Set(['after 2']));
    expect(screen.getAllByText('Arrives twice')).toHaveLength(1);
  });

  it('marks an opened conversation with unread messages as read, once', async () => {
    const unread = conversationDto({ unreadCount: 2 });
    const { network } = await renderInbox(
      THREAD,
      inboxRoutes({
        'GET /api/conversations/:id': () => unread,
        'POST /api/conversations/:id/read': () => conversationSummary({ unreadCount: 0 }),
      }),
    );
    await waitFor(() =>
      expect(network.to(`/api/conversations/${CONVERSATION_ID}/read`)).toHaveLength(1),
    );
    expect(network.to(`/api/conversations/${CONVERSATION_ID}/read`)[0]?.method).toBe('POST');
  });

  it('does not mark a conversation without unread messages', async () => {
    const { network } = await renderInbox(
      THREAD,
      inboxRoutes({ 'GET /api/conversations/:id': () => conversationDto({ unreadCount: 0 }) }),
    );
    await screen.findByTestId('conversation-thread');
    await screen.findByTestId('conversation-owner').catch(() => undefined);
    expect(network.to(`/api/conversations/${CONVERSATION_ID}/read`)).toHaveLength(0);
  });

  it('claims an unassigned conversation', async () => {
    const mine = conversationSummary({ owner: { id: ANNA.id, name: 'Anna Agent' }, lastSeq: 2 });
    let claimed = false;
    const { network, user } = await renderInbox(
      THREAD,
      inboxRoutes({
        'POST /api/conversations/:id/claim': () => {
          claimed = true;
          return mine;
        },
        // A new owner changes who may reply: the detail is fetched again.
        'GET /api/conversations/:id': () => conversationDto(claimed ? mine : {}),
      }),
    );

    await user.click(await screen.findByRole('button', { name: 'Claim' }));

    expect(await screen.findByTestId('conversation-owner')).toHaveTextContent('Owner: Anna Agent');
    expect(network.to(`/api/conversations/${CONVERSATION_ID}/claim`)).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Claim' })).not.toBeInTheDocument();
  });

  it('says who owns it when someone else claimed it first (409)', async () => {
    let claimedByBen = false;
    const { user } = await renderInbox(
      THREAD,
      inboxRoutes({
        'POST /api/conversations/:id/claim': () => {
          claimedByBen = true;
          return apiError(
            409,
            'conversations.already_owned',
            'Ben Busy already owns this conversation',
          );
        },
        'GET /api/conversations/:id': () =>
          conversationDto({
            owner: claimedByBen ? { id: uuid(8, 'ee000000'), name: 'Ben Busy' } : null,
          }),
      }),
    );

    await user.click(await screen.findByRole('button', { name: 'Claim' }));

    expect(await screen.findByTestId('claim-error')).toHaveTextContent(
      'Ben Busy already owns this conversation',
    );
    expect(await screen.findByTestId('conversation-owner')).toHaveTextContent('Owner: Ben Busy');
  });

  it('changes status and priority, and snoozes until a chosen time', async () => {
    const { network, user } = await renderInbox(
      THREAD,
      inboxRoutes({
        'PATCH /api/conversations/:id': (request) => ({
          ...conversationSummary(),
          ...(request.body as object),
          lastSeq: 2,
        }),
      }),
    );
    await screen.findByTestId('thread-contact');
    const header = screen.getByTestId('thread-header');

    await user.selectOptions(within(header).getByLabelText('Status'), 'Resolved');
    await waitFor(() => expect(within(header).getByLabelText('Status')).toHaveValue('resolved'));
    await user.selectOptions(within(header).getByLabelText('Priority'), 'Urgent');
    await waitFor(() => expect(within(header).getByLabelText('Priority')).toHaveValue('urgent'));
    await user.selectOptions(within(header).getByLabelText('Status'), 'Snoozed');
    const until = within(header).getByLabelText('Snooze until');
    await user.clear(until);
    await user.type(until, '2030-01-02T08:30');
    await user.click(within(header).getByRole('button', { name: 'Snooze' }));

    await waitFor(() =>
      expect(
        network.to(`/api/conversations/${CONVERSATION_ID}`).filter((r) => r.method === 'PATCH'),
      ).toHaveLength(3),
    );
    const bodies = network
      .to(`/api/conversations/${CONVERSATION_ID}`)
      .filter((request) => request.method === 'PATCH')
      .map((request) => request.body);
    expect(bodies).toEqual([
      { status: 'resolved' },
      { priority: 'urgent' },
      { status: 'snoozed', snoozedUntil: new Date('2030-01-02T08:30').toISOString() },
    ]);
  });

  it("shows status and priority of a colleague's conversation without letting a specialist change them", async () => {
    await renderInbox(
      THREAD,
      inboxRoutes({
        'GET /api/conversations/:id': () =>
          conversationDto({ owner: { id: uuid(8, 'ee000000'), name: 'Ben Busy' } }),
      }),
    );
    await screen.findByTestId('thread-contact');
    const header = screen.getByTestId('thread-header');
    expect(within(header).getByLabelText('Status')).toBeDisabled();
    expect(within(header).getByLabelText('Priority')).toBeDisabled();
    expect(within(header).getByLabelText('Status')).toHaveAttribute(
      'title',
      'The owner changes status and priority',
    );
  });

  it('shows the contact: identities with verified marks, and past conversations to open', async () => {
    const { user, router } = await renderInbox(THREAD);
    const panel = await screen.findByTestId('contact-panel');

    const identities = within(panel).getAllByTestId('identity');
    expect(identities[0]).toHaveTextContent('Email: clara@example.org');
    expect(within(identities[0] as HTMLElement).getByTestId('identity-verified')).toHaveTextContent(
      'Verified',
    );
    expect(identities[1]).toHaveTextContent('WhatsApp: +4915112345678');
    expect(
      within(identities[1] as HTMLElement).queryByTestId('identity-verified'),
    ).not.toBeInTheDocument();

    const past = within(panel).getAllByTestId('contact-conversation');
    expect(past[0]).toHaveAttribute('aria-current', 'page');
    await user.click(within(panel).getByRole('link', { name: /Broken delivery/ }));
    expect(router.state.location.pathname).toBe(`/inbox/${uuid(9, 'c0000000')}`);

    await user.click(screen.getByRole('button', { name: 'Contact details' }));
    expect(screen.queryByTestId('contact-panel')).not.toBeInTheDocument();
  });

  it('reads on page by page when more arrived after the conversation was read', async () => {
    const { network } = await renderInbox(
      THREAD,
      inboxRoutes({
        'GET /api/conversations/:id': () => conversationDto({ lastSeq: 1 }),
        'GET /api/conversations/:id/timeline': (request) =>
          request.query.has('before')
            ? timelineDto(entries(messageDto({ seq: 1 })))
            : request.query.get('after') === '1'
              ? timelineDto(entries(messageDto({ seq: 2 }), messageDto({ seq: 3 })), true)
              : timelineDto(entries(messageDto({ seq: 4 }))),
      }),
    );
    await waitFor(() => expect(messageSeqs()).toEqual([1, 2, 3, 4]));
    expect(timelineRequests(network)).toEqual(['before 2', 'after 1', 'after 3']);
    expect(screen.queryByTestId('timeline-older')).not.toBeInTheDocument();
  });

  it('opens a long thread at its end and reads back page by page, on scroll or on request', async () => {
    const all = entries(
      ...Array.from({ length: 120 }, (_, i) => messageDto({ seq: i + 1, text: `Line ${i + 1}` })),
    );
    const { network, user } = await renderInbox(
      THREAD,
      inboxRoutes({
        'GET /api/conversations/:id': () => conversationDto({ lastSeq: 120 }),
        'GET /api/conversations/:id/timeline': timelineOf(all),
      }),
    );
    await waitFor(() => expect(messageSeqs()).toHaveLength(50));
    expect(messageSeqs()[0]).toBe(71);
    expect(messageSeqs().at(-1)).toBe(120);
    expect(timelineRequests(network)).toEqual(['before 121', 'after 120']);

    // Reading up to the top fetches the page before the first entry held.
    fireEvent.scroll(screen.getByTestId('timeline'));
    await waitFor(() => expect(messageSeqs()).toHaveLength(100));
    expect(messageSeqs()[0]).toBe(21);
    expect(timelineRequests(network).slice(2)).toEqual(['before 71']);

    await user.click(screen.getByRole('button', { name: 'Show earlier messages' }));
    await waitFor(() => expect(messageSeqs()).toHaveLength(120));
    expect(messageSeqs()).toEqual(all.map((entry) => entry.seq));
    expect(timelineRequests(network).slice(2)).toEqual(['before 71', 'before 21']);
    // Nothing older is left: no button, and scrolling asks for nothing more.
    expect(screen.queryByTestId('timeline-older')).not.toBeInTheDocument();
    fireEvent.scroll(screen.getByTestId('timeline'));
    expect(timelineRequests(network)).toHaveLength(4);
  });

  it('says so when an older page fails, and reads it again on retry', async () => {
    const all = entries(...Array.from({ length: 60 }, (_, i) => messageDto({ seq: i + 1 })));
    let failing = true;
    const { user } = await renderInbox(
      THREAD,
      inboxRoutes({
        'GET /api/conversations/:id': () => conversationDto({ lastSeq: 60 }),
        'GET /api/conversations/:id/timeline': (request) =>
          failing && request.query.get('before') === '11'
            ? apiError(503, 'service_unavailable', 'Try again shortly')
            : timelineOf(all)(request),
      }),
    );
    await waitFor(() => expect(messageSeqs()).toHaveLength(50));
    await user.click(screen.getByRole('button', { name: 'Show earlier messages' }));
    expect(await screen.findByText("The earlier messages couldn't be loaded.")).toBeInTheDocument();
    expect(messageSeqs()).toHaveLength(50);

    failing = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(messageSeqs()).toHaveLength(60));
    expect(screen.queryByTestId('timeline-older')).not.toBeInTheDocument();
  });
});
