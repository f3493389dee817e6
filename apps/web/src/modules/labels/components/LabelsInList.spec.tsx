import { screen, waitFor, within } from '@testing-library/react';
import type { BulkConversationsRequest, LabelDto } from '@touchpoint/shared';
import { jsonResponse } from '../../../../test/fetch-mock';
import { conversationSummary, uuid } from '../../../../test/inbox-fixtures';
import { inboxRoutes, renderInbox } from '../../../../test/inbox-app';

const VIP: LabelDto = { id: uuid(1, 'aa000000'), name: 'VIP', color: '#8250df' };
const COMPLAINT: LabelDto = { id: uuid(2, 'aa000000'), name: 'Complaint', color: '#d1242f' };

const CLARA = conversationSummary({ id: uuid(1, 'c0000000'), labelIds: [VIP.id] });
const DIETER = conversationSummary({
  id: uuid(2, 'c0000000'),
  contact: { id: uuid(2, 'ca000000'), name: 'Dieter Kunde' },
  labelIds: [],
});

function routes() {
  return inboxRoutes({
    'GET /api/labels': () => [COMPLAINT, VIP],
    'GET /api/conversations': (request) => {
      const labelId = request.query.get('labelId');
      const items = [CLARA, DIETER].filter((c) => !labelId || c.labelIds.includes(labelId));
      return { items, nextCursor: null };
    },
    'POST /api/conversations/bulk': () =>
      jsonResponse(200, {
        results: [
          { conversationId: CLARA.id, outcome: 'done' },
          {
            conversationId: DIETER.id,
            outcome: 'refused',
            code: 'conversations.forbidden',
            reason: 'You do not have access to this conversation',
          },
        ],
        done: 1,
        refused: 1,
      }),
  });
}

const rows = () => screen.getAllByTestId('conversation-item');

describe('labels in the conversation list', () => {
  it('shows label chips and narrows the list to a label', async () => {
    const { network, user } = await renderInbox('/inbox', routes());
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(within(rows()[0]).getByTestId('label-chip')).toHaveTextContent('VIP');
    expect(within(rows()[1]).queryByTestId('label-chip')).not.toBeInTheDocument();

    await user.selectOptions(await screen.findByLabelText('Label'), 'VIP');
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]).toHaveAttribute('data-conversation-id', CLARA.id);
    expect(network.to('/api/conversations').some((r) => r.url.includes(`labelId=${VIP.id}`))).toBe(
      true,
    );

    await user.selectOptions(screen.getByLabelText('Label'), 'Any label');
    await waitFor(() => expect(rows()).toHaveLength(2));
  });

  it('applies one action to the ticked conversations and says which were refused and why', async () => {
    const { network, user } = await renderInbox('/inbox', routes());
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(screen.queryByTestId('bulk-bar')).not.toBeInTheDocument();

    await user.click(
      screen.getByRole('checkbox', { name: 'Select conversation with Clara Customer' }),
    );
    const bar = screen.getByTestId('bulk-bar');
    expect(within(bar).getByTestId('bulk-count')).toHaveTextContent('1 selected');
    await user.click(within(bar).getByRole('button', { name: 'Select all 2' }));
    expect(within(bar).getByTestId('bulk-count')).toHaveTextContent('2 selected');
    expect(
      screen.getByRole('checkbox', { name: 'Select conversation with Dieter Kunde' }),
    ).toBeChecked();
    expect(within(bar).queryByTestId('bulk-select-all')).not.toBeInTheDocument();
    // Nothing to apply before a label is chosen.
    expect(within(bar).getByTestId('bulk-apply')).toBeDisabled();

    // An agent assigns only to themselves.
    await user.selectOptions(within(bar).getByLabelText('Action'), 'Assign to…');
    expect(
      within(within(bar).getByTestId('bulk-target'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Assign to…', 'Me']);

    await user.selectOptions(within(bar).getByLabelText('Action'), 'Add label');
    await user.selectOptions(within(bar).getByLabelText('Which label?'), 'Complaint');
    await user.click(within(bar).getByTestId('bulk-apply'));

    await waitFor(() => expect(network.to('/api/conversations/bulk')).toHaveLength(1));
    expect(network.to('/api/conversations/bulk')[0].body as BulkConversationsRequest).toEqual({
      action: 'label',
      conversationIds: [CLARA.id, DIETER.id],
      labelId: COMPLAINT.id,
    });
    const result = await within(bar).findByTestId('bulk-result');
    expect(result).toHaveTextContent('1 done, 1 refused');
    expect(result).toHaveTextContent('You do not have access to this conversation');
    // The refused one stays ticked, to try something else.
    expect(within(bar).getByTestId('bulk-count')).toHaveTextContent('1 selected');
    expect(
      screen.getByRole('checkbox', { name: 'Select conversation with Dieter Kunde' }),
    ).toBeChecked();
    expect(
      screen.getByRole('checkbox', { name: 'Select conversation with Clara Customer' }),
    ).not.toBeChecked();
  });
});
