import { screen, waitFor, within } from '@testing-library/react';
import type { SplitConversationRequest } from '@touchpoint/shared';
import { apiError } from '../../../../test/fetch-mock';
import {
  ANNA_REF,
  BEN_REF,
  SALES,
  SERVICE,
  directoryDto,
  handoffDto,
} from '../../../../test/handoff-fixtures';
import { inboxRoutes, renderInbox, timelineOf } from '../../../../test/inbox-app';
import {
  CONVERSATION_ID,
  conversationDto,
  conversationSummary,
  entries,
  eventDto,
  messageDto,
  uuid,
} from '../../../../test/inbox-fixtures';
import type { Routes } from '../../../../test/fake-api';

const THREAD = `/inbox/${CONVERSATION_ID}`;
const SPLIT_ID = uuid(3, 'c0000000');
const SECOND = messageDto({ seq: 2, id: uuid(2, 'a0000000'), text: 'Also, my address changed.' });

function routesFor(overrides: Routes = {}, owner = ANNA_REF): Routes {
  return inboxRoutes({
    'GET /api/conversations/:id': () => conversationDto({ owner, lastSeq: 2 }),
    'GET /api/conversations/:id/timeline': timelineOf(
      entries(messageDto({ seq: 1, text: 'My chair wobbles.' }), SECOND),
    ),
    'GET /api/conversations/:id/handoffs': () => [],
    'GET /api/conversations/:id/participants': () => [],
    'GET /api/directory': () => directoryDto(),
    'POST /api/conversations/:id/split': (request) => {
      const body = request.body as SplitConversationRequest;
      return {
        conversation: conversationSummary({ owner, lastSeq: 3, timelineEpoch: 1 }),
        split: conversationSummary({
          id: SPLIT_ID,
          team: body.teamId === SALES.id ? SALES : SERVICE,
        }),
      };
    },
    ...overrides,
  });
}

async function openSplit(routes: Routes) {
  const app = await renderInbox(THREAD, routes);
  await screen.findByText('Also, my address changed.');
  const buttons = await screen.findAllByRole('button', { name: 'Split from here' });
  await app.user.click(buttons[1]);
  const dialog = await screen.findByRole('dialog', { name: 'Split into a new conversation' });
  return { ...app, dialog };
}

describe('Split from here', () => {
  it('moves the message and what follows into a new conversation in the team picked', async () => {
    const { user, network, dialog } = await openSplit(routesFor());
    expect(within(dialog).getByTestId('split-message')).toHaveTextContent(
      'Also, my address changed.',
    );
    const team = within(dialog).getByTestId('split-team');
    // The conversation's own team first; Sales is picked.
    await waitFor(() => expect(team).toHaveValue(SERVICE.id));
    await within(dialog).findByRole('option', { name: 'Sales' });
    await user.selectOptions(team, SALES.id);
    await user.type(within(dialog).getByTestId('split-note'), 'Address change is its own request');
    await user.click(within(dialog).getByTestId('split-submit'));

    expect(await within(dialog).findByTestId('split-result')).toHaveTextContent(
      'The new conversation waits in the queue of Sales.',
    );
    expect(within(dialog).getByTestId('split-open')).toHaveAttribute('href', `/inbox/${SPLIT_ID}`);
    expect(
      network
        .to(`/api/conversations/${CONVERSATION_ID}/split`)
        .map((r) => r.body as SplitConversationRequest),
    ).toEqual([
      { messageId: SECOND.id, teamId: SALES.id, note: 'Address change is its own request' },
    ]);
  });

  it('shows the server’s reason when it refuses', async () => {
    const { user, dialog } = await openSplit(
      routesFor({
        'POST /api/conversations/:id/split': () =>
          apiError(
            422,
            'conversations.merge_invalid',
            'messageId is the first message of the conversation: nothing would stay behind',
          ),
      }),
    );
    await user.click(within(dialog).getByTestId('split-submit'));
    expect(await within(dialog).findByTestId('split-error')).toHaveTextContent(
      'messageId is the first message of the conversation: nothing would stay behind',
    );
  });

  it('is not offered to a colleague of the owner', async () => {
    const { user } = await renderInbox(THREAD, routesFor({}, BEN_REF));
    await screen.findByText('Also, my address changed.');
    expect(screen.queryByRole('button', { name: 'Split from here' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'More actions' }));
    expect(await screen.findByRole('menuitem', { name: 'Log call' })).toBeInTheDocument();
    expect(screen.queryByRole('menuitem', { name: 'Merge…' })).not.toBeInTheDocument();
  });
});

describe('Split an automatic consult into its own conversation', () => {
  const consult = (automatic: boolean) => {
    const handoff = handoffDto({ team: SALES, requestedBy: ANNA_REF });
    return {
      handoff,
      routes: routesFor({
        'GET /api/conversations/:id/timeline': timelineOf(
          entries(
            messageDto({ seq: 1, text: 'My chair wobbles.' }),
            SECOND,
            eventDto({
              seq: 3,
              kind: 'handoff.requested',
              actor: ANNA_REF,
              data: { handoffId: handoff.id, kind: 'consult', team: SALES, automatic },
            }),
          ),
        ),
        'GET /api/conversations/:id/handoffs': () => [handoff],
        'POST /api/handoffs/:id/split': () => ({
          conversation: conversationSummary({ owner: ANNA_REF, lastSeq: 4, timelineEpoch: 1 }),
          split: conversationSummary({ id: SPLIT_ID, team: SALES }),
        }),
      }),
    };
  };

  it('splits the request off for the team asked, in one click', async () => {
    const { handoff, routes } = consult(true);
    const { user, network } = await renderInbox(THREAD, routes);
    const card = await screen.findByTestId('handoff-card');
    await user.click(
      await within(card).findByRole('button', { name: 'Split into its own conversation' }),
    );
    await waitFor(() =>
      expect(network.to(`/api/handoffs/${handoff.id}/split`).map((r) => r.body)).toEqual([{}]),
    );
  });

  it('is not offered on a consult someone asked for', async () => {
    const { routes } = consult(false);
    await renderInbox(THREAD, routes);
    const card = await screen.findByTestId('handoff-card');
    await waitFor(() => expect(card).toHaveAttribute('data-status'));
    expect(
      within(card).queryByRole('button', { name: 'Split into its own conversation' }),
    ).not.toBeInTheDocument();
  });
});
