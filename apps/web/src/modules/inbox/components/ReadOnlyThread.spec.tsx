import { screen, within } from '@testing-library/react';
import { userWithRole } from '../../../../test/fixtures';
import { CONVERSATION_ID, conversationDto } from '../../../../test/inbox-fixtures';
import { inboxRoutes, renderInbox } from '../../../../test/inbox-app';

const THREAD = `/inbox/${CONVERSATION_ID}`;
const VIP = { id: '0b000000-0000-4000-8000-000000000001', name: 'VIP', color: '#2563eb' };

describe('a conversation read by the touchpoint manager', () => {
  it('shows the thread without composer, claim, bulk ticks or changing actions, and leaves it unread', async () => {
    const manager = userWithRole('manager');
    const { network } = await renderInbox(
      THREAD,
      inboxRoutes(
        {
          'GET /api/conversations/:id': () =>
            conversationDto({ owner: null, unreadCount: 2, mayReply: false, labelIds: [VIP.id] }),
          'GET /api/labels': () => [
            VIP,
            { ...VIP, id: '0b000000-0000-4000-8000-000000000002', name: 'Complaint' },
          ],
        },
        manager,
      ),
    );
    expect(await screen.findByTestId('read-only-notice')).toHaveTextContent(
      'You read this conversation as touchpoint manager',
    );
    expect(screen.queryByTestId('composer')).toBeNull();
    expect(screen.queryByTestId('claim')).toBeNull();
    expect(screen.getByTestId('conversation-owner')).toHaveTextContent('No owner yet');
    expect(screen.queryByTestId('bulk-checkbox')).toBeNull();
    const header = screen.getByTestId('thread-header');
    expect(within(header).getByLabelText('Status')).toBeDisabled();
    expect(within(header).queryByRole('button', { name: 'Pull in' })).toBeNull();
    // Nothing to offer in the "…" menu (mark as lead, merge, log call): no menu.
    expect(within(header).queryByRole('button', { name: 'More actions' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Split from here' })).toBeNull();
    expect(network.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    // All and Unassigned are the views of someone who owns and joins nothing; All opens first.
    expect(screen.getByTestId('view-all')).toBeInTheDocument();
    expect(screen.queryByTestId('view-mine')).toBeNull();
    expect(network.to('/api/conversations')[0].url).toContain('view=all');
    expect(screen.queryByTestId('inbox-handoffs')).toBeNull();
    expect(await within(header).findByTestId('label-chip')).toHaveTextContent('VIP');
    expect(within(header).queryByTestId('label-add')).toBeNull();
    expect(within(header).queryByTestId('label-chip-remove')).toBeNull();
  });
});
