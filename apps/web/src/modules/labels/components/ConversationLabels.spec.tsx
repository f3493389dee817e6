import { screen, waitFor, within } from '@testing-library/react';
import { REALTIME_EVENTS, type LabelDto } from '@touchpoint/shared';
import { jsonResponse } from '../../../../test/fetch-mock';
import {
  CONVERSATION_ID,
  conversationDto,
  conversationSummary,
  uuid,
} from '../../../../test/inbox-fixtures';
import { inboxRoutes, renderInbox, serverPush } from '../../../../test/inbox-app';

const VIP: LabelDto = { id: uuid(1, 'aa000000'), name: 'VIP', color: '#8250df' };
const COMPLAINT: LabelDto = { id: uuid(2, 'aa000000'), name: 'Complaint', color: '#d1242f' };

describe('labels in the thread header', () => {
  it('adds and removes a label, and shows a colleague’s change live', async () => {
    const { network, user, socket } = await renderInbox(
      `/inbox/${CONVERSATION_ID}`,
      inboxRoutes({
        'GET /api/labels': () => [COMPLAINT, VIP],
        'GET /api/conversations/:id': () => conversationDto({ labelIds: [VIP.id] }),
        'POST /api/conversations/:id/labels': () =>
          jsonResponse(200, conversationSummary({ labelIds: [VIP.id, COMPLAINT.id] })),
        'DELETE /api/conversations/:id/labels/:labelId': () =>
          jsonResponse(200, conversationSummary({ labelIds: [COMPLAINT.id] })),
      }),
    );
    const header = await screen.findByTestId('conversation-labels');
    expect(
      within(header)
        .getAllByTestId('label-chip')
        .map((c) => c.textContent),
    ).toEqual(['VIP×']);

    await user.selectOptions(within(header).getByLabelText('Add label…'), 'Complaint');
    await waitFor(() =>
      expect(
        within(header)
          .getAllByTestId('label-chip')
          .map((c) => c.textContent),
      ).toEqual(['VIP×', 'Complaint×']),
    );
    expect(network.to(`/api/conversations/${CONVERSATION_ID}/labels`)[0].body).toEqual({
      labelId: COMPLAINT.id,
    });

    await user.click(within(header).getByRole('button', { name: 'Remove label VIP' }));
    await waitFor(() =>
      expect(
        within(header)
          .getAllByTestId('label-chip')
          .map((c) => c.textContent),
      ).toEqual(['Complaint×']),
    );

    // A colleague took it off meanwhile: the update arrives with the conversation.
    serverPush(socket, REALTIME_EVENTS.conversationUpdated, {
      conversationId: CONVERSATION_ID,
      seq: 5,
      conversation: conversationSummary({ labelIds: [], lastSeq: 5 }),
    });
    await waitFor(() => expect(within(header).queryByTestId('label-chip')).not.toBeInTheDocument());
  });
});
