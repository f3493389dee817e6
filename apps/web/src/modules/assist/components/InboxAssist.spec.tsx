import { ReadableStream } from 'node:stream/web';
import { screen, waitFor, within } from '@testing-library/react';
import type { AssistStatusDto, CreateHandoffRequest, UserDto } from '@touchpoint/shared';
import type { Routes } from '../../../../test/fake-api';
import { apiError, jsonResponse } from '../../../../test/fetch-mock';
import { userWithRole } from '../../../../test/fixtures';
import { ANNA_REF, SALES, directoryDto, handoffDto } from '../../../../test/handoff-fixtures';
import { inboxRoutes, renderInbox } from '../../../../test/inbox-app';
import {
  CONVERSATION_ID,
  channels,
  conversationDto,
  entries,
  messageDto,
  timelineDto,
} from '../../../../test/inbox-fixtures';

const THREAD = `/inbox/${CONVERSATION_ID}`;
const ASSIST = `/api/conversations/${CONVERSATION_ID}/assist`;
const MESSAGES = `/api/conversations/${CONVERSATION_ID}/messages`;

function status(configured: boolean): AssistStatusDto {
  return {
    configured,
    features: {
      handoff_summary: configured,
      summary: configured,
      reply_draft: configured,
      translate: configured,
      team_suggestion: configured,
    },
  };
}

/** An assist answer as the api streams it: text pieces, then the end. */
function streamed(...pieces: string[]): Response {
  const events = pieces.map((text) => `data: ${JSON.stringify({ text })}\n\n`).join('');
  return new Response(`${events}event: done\ndata: {"length":0}\n\n`, {
    status: 200,
    headers: { 'Content-Type': 'text/event-stream' },
  });
}

/** A model that wrote one piece and keeps the line open. */
function stalled(piece: string): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(`data: ${JSON.stringify({ text: piece })}\n\n`));
    },
  });
  return new Response(body as unknown as BodyInit, {
    status: 200,
    headers: { 'Content-Type': 'text/event-stream' },
  });
}

/** Anna owns the conversation; Clara's message is in Polish. */
function routes(overrides: Routes = {}, me?: UserDto, on = true): Routes {
  return inboxRoutes(
    {
      'GET /api/assist/status': () => status(on),
      'GET /api/conversations/:id': () => conversationDto({ owner: ANNA_REF }),
      'GET /api/conversations/:id/timeline': () =>
        timelineDto(entries(messageDto({ text: 'Poproszę ofertę na 20 krzeseł.' }))),
      'GET /api/directory': () => directoryDto(),
      'GET /api/conversations/:id/handoffs': () => [],
      'GET /api/conversations/:id/participants': () => [],
      'POST /api/conversations/:id/handoffs': (request) =>
        jsonResponse(201, handoffDto({ note: (request.body as CreateHandoffRequest).note })),
      'POST /api/conversations/:id/messages': () => jsonResponse(500, {}),
      ...overrides,
    },
    me,
  );
}

async function openPullIn(r: Routes) {
  const app = await renderInbox(THREAD, r);
  await app.user.click(await screen.findByRole('button', { name: 'Pull in' }));
  const dialog = await screen.findByRole('dialog', { name: 'Pull in a team or a person' });
  await within(dialog).findByRole('option', { name: 'Sales' });
  return { ...app, dialog };
}

describe('AI assistance in the inbox', () => {
  it('drafts the handoff summary into the note field, which stays editable and required', async () => {
    const { user, dialog, network } = await openPullIn(
      routes({
        'POST /api/conversations/:id/assist/handoff-summary': () =>
          streamed('Customer wants 20 chairs; ', 'offer promised by Friday.'),
      }),
    );
    const note = within(dialog).getByLabelText('Summary of the case');
    await user.click(within(dialog).getByRole('button', { name: 'Draft summary' }));
    await waitFor(() =>
      expect(note).toHaveValue('Customer wants 20 chairs; offer promised by Friday.'),
    );
    await user.type(note, ' Call first.');
    await user.selectOptions(within(dialog).getByLabelText('Team to ask'), 'Sales');
    await user.click(within(dialog).getByRole('button', { name: 'Ask for help' }));
    await waitFor(() =>
      expect(network.to(`/api/conversations/${CONVERSATION_ID}/handoffs`)).toHaveLength(1),
    );
    const [posted] = network.to(`/api/conversations/${CONVERSATION_ID}/handoffs`);
    expect((posted?.body as CreateHandoffRequest).note).toBe(
      'Customer wants 20 chairs; offer promised by Friday. Call first.',
    );
  });

  it('suggests a team with its reason and picks it', async () => {
    const { user, dialog } = await openPullIn(
      routes({
        'POST /api/conversations/:id/assist/team-suggestion': () => ({
          team: SALES,
          reason: 'An offer for 20 chairs.',
        }),
      }),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Suggest a team' }));
    expect(await within(dialog).findByTestId('team-suggestion')).toHaveTextContent(
      'Suggested: Sales. An offer for 20 chairs.',
    );
    expect(within(dialog).getByLabelText('Team to ask')).toHaveValue(SALES.id);
  });

  it('shows the model server’s failure in words', async () => {
    const { user, dialog } = await openPullIn(
      routes({
        'POST /api/conversations/:id/assist/handoff-summary': () =>
          apiError(504, 'assist.timeout', 'The AI provider did not answer within 30 s'),
      }),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Draft summary' }));
    expect(await within(dialog).findByTestId('draft-summary-error')).toHaveTextContent(
      'The AI did not answer in time. Try again.',
    );
    expect(within(dialog).getByLabelText('Summary of the case')).toHaveValue('');
  });

  it('offers nothing when AI is off, and tells admins how to switch it on', async () => {
    const agent = await openPullIn(routes({}, undefined, false));
    expect(within(agent.dialog).queryByRole('button', { name: 'Draft summary' })).toBeNull();
    expect(within(agent.dialog).queryByRole('button', { name: 'Suggest a team' })).toBeNull();
    expect(within(agent.dialog).queryByTestId('assist-off-hint')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Summarise' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Draft reply' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Translate' })).toBeNull();
    agent.unmount();

    const admin = await openPullIn(routes({}, userWithRole('admin'), false));
    expect(await within(admin.dialog).findByTestId('assist-off-hint')).toHaveTextContent(
      'AI assistance is off: set AI_BASE_URL, AI_API_KEY and AI_MODEL',
    );
  });

  it('drafts a reply into the composer without sending it, and translates it with the original one click away', async () => {
    const { user, network } = await renderInbox(
      THREAD,
      routes({
        'POST /api/conversations/:id/assist/reply-draft': () =>
          streamed('Dzień dobry, ', 'oferta będzie w piątek.'),
        'POST /api/conversations/:id/assist/translate': () => streamed('Oferta w piątek.'),
      }),
    );
    const composer = await screen.findByTestId('composer');
    const input = within(composer).getByTestId('composer-input');
    // The draft follows the channel the reply goes out on (the limits differ).
    await user.selectOptions(
      await within(composer).findByTestId('reply-channel'),
      channels.email.id,
    );
    // What the agent typed guides the draft, and stays one click away.
    await user.type(input, 'Angebot kommt Freitag');
    await user.click(await within(composer).findByRole('button', { name: 'Draft reply' }));
    await waitFor(() => expect(input).toHaveValue('Dzień dobry, oferta będzie w piątek.'));
    expect(network.to(`${ASSIST}/reply-draft`)[0]?.body).toEqual({
      channelId: channels.email.id,
      hint: 'Angebot kommt Freitag',
    });
    expect(network.to(MESSAGES)).toHaveLength(0);
    await user.click(within(composer).getByRole('button', { name: 'Back to my text' }));
    expect(input).toHaveValue('Angebot kommt Freitag');

    await user.clear(input);
    await user.type(input, 'Offer on Friday.');
    await user.click(
      within(composer).getByRole('button', { name: "Translate to customer's language" }),
    );
    await waitFor(() => expect(input).toHaveValue('Oferta w piątek.'));
    expect(network.to(`${ASSIST}/translate`)[0]?.body).toEqual({ text: 'Offer on Friday.' });
    await user.click(within(composer).getByRole('button', { name: 'Back to my text' }));
    expect(input).toHaveValue('Offer on Friday.');
    expect(network.to(MESSAGES)).toHaveLength(0);
  });

  it('stops a draft that is still being written', async () => {
    const { user } = await renderInbox(
      THREAD,
      routes({ 'POST /api/conversations/:id/assist/reply-draft': () => stalled('Dzień ') }),
    );
    const composer = await screen.findByTestId('composer');
    const input = within(composer).getByTestId('composer-input');
    await user.click(await within(composer).findByRole('button', { name: 'Draft reply' }));
    await waitFor(() => expect(input).toHaveValue('Dzień '));
    await user.click(within(composer).getByRole('button', { name: 'Stop' }));
    expect(await within(composer).findByRole('button', { name: 'Draft reply' })).toBeEnabled();
    expect(input).toHaveValue('Dzień ');
  });

  it('translates a customer’s message in place, the original one click away', async () => {
    const { user, network } = await renderInbox(
      THREAD,
      routes({
        'POST /api/conversations/:id/assist/translate': () =>
          streamed('An offer for 20 chairs, ', 'please.'),
      }),
    );
    const message = await screen.findByTestId('message');
    await user.click(await within(message).findByRole('button', { name: 'Translate' }));
    expect(await within(message).findByTestId('message-translated')).toHaveTextContent(
      'An offer for 20 chairs, please.',
    );
    expect(within(message).queryByText('Poproszę ofertę na 20 krzeseł.')).toBeNull();
    expect(network.to(`${ASSIST}/translate`)[0]?.body).toEqual({
      messageId: messageDto().id,
    });
    await user.click(within(message).getByRole('button', { name: 'Show original' }));
    expect(within(message).getByText('Poproszę ofertę na 20 krzeseł.')).toBeInTheDocument();
    await user.click(within(message).getByRole('button', { name: 'Show translation' }));
    expect(within(message).getByTestId('message-translated')).toBeInTheDocument();
  });

  it('translates an email in place of its own body', async () => {
    const { user } = await renderInbox(
      THREAD,
      routes({
        'GET /api/conversations/:id/timeline': () =>
          timelineDto(
            entries(messageDto({ text: 'Poproszę ofertę.', html: '<p>Poproszę ofertę.</p>' })),
          ),
        'POST /api/conversations/:id/assist/translate': () => streamed('An offer, please.'),
      }),
    );
    const message = await screen.findByTestId('message');
    const frame = within(message).getByTitle(/Clara Customer/);
    await user.click(await within(message).findByRole('button', { name: 'Translate' }));
    expect(await within(message).findByTestId('message-translated')).toHaveTextContent(
      'An offer, please.',
    );
    expect(frame).not.toBeInTheDocument();
    await user.click(within(message).getByRole('button', { name: 'Show original' }));
    expect(within(message).getByTitle(/Clara Customer/)).toBeInTheDocument();
  });

  it('summarises the conversation for whoever joins', async () => {
    const { user } = await renderInbox(
      THREAD,
      routes({
        'POST /api/conversations/:id/assist/summary': () =>
          streamed('- Wants 20 chairs\n', '- Offer promised by Friday'),
      }),
    );
    await user.click(await screen.findByRole('button', { name: 'Summarise' }));
    const dialog = await screen.findByRole('dialog', { name: 'Summary of the conversation' });
    await waitFor(() =>
      expect(within(dialog).getByTestId('summary-text')).toHaveTextContent(
        '- Wants 20 chairs - Offer promised by Friday',
      ),
    );
  });
});
