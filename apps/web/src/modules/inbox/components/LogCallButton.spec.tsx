import { screen, within } from '@testing-library/react';
import type { LogCallRequest } from '@touchpoint/shared';
import { deferred } from '../../../../test/fake-api';
import { jsonResponse } from '../../../../test/fetch-mock';
import { inboxRoutes, renderInbox, timelineOf } from '../../../../test/inbox-app';
import { CONVERSATION_ID, entries, messageDto } from '../../../../test/inbox-fixtures';
import { parseMinutes } from './LogCallButton';

const THREAD = `/inbox/${CONVERSATION_ID}`;
const CALLS = `/api/conversations/${CONVERSATION_ID}/calls`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('logging a call', () => {
  it('records who called, how it ended, how long and a note; one click logs once', async () => {
    const answer = deferred<Response>();
    const { user, network } = await renderInbox(
      THREAD,
      inboxRoutes({
        'GET /api/conversations/:id/timeline': timelineOf(entries(messageDto({ seq: 1 }))),
        'POST /api/conversations/:id/calls': () => answer.promise,
      }),
    );
    await user.click(await screen.findByRole('button', { name: 'More actions' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Log call' }));
    const dialog = await screen.findByTestId('log-call-dialog');
    await user.click(within(dialog).getByLabelText('Outgoing call'));
    await user.type(within(dialog).getByLabelText(/Length in minutes/), '4:30');
    await user.type(within(dialog).getByLabelText('Note'), 'Ersatz zugesagt.');
    const save = within(dialog).getByRole('button', { name: 'Log call' });
    await user.dblClick(save);

    const posts = network.to(CALLS);
    expect(posts).toHaveLength(1);
    expect(posts[0].body as LogCallRequest).toEqual({
      direction: 'outbound',
      outcome: 'answered',
      durationSeconds: 270,
      note: 'Ersatz zugesagt.',
      clientMessageId: expect.stringMatching(UUID),
    });
    answer.resolve(
      jsonResponse(
        201,
        messageDto({
          seq: 2,
          type: 'call',
          channel: null,
          author: { type: 'user', id: 'u1', name: 'Anna Agent' },
          text: 'Ersatz zugesagt.',
          call: {
            direction: 'outbound',
            outcome: 'answered',
            startedAt: null,
            durationSeconds: 270,
            from: null,
            to: null,
            recordingUrl: null,
          },
        }),
      ),
    );
    expect(await screen.findByTestId('call')).toHaveTextContent('Outgoing call · answered');
    expect(screen.queryByTestId('log-call-dialog')).toBeNull();
  });

  it('names a length it cannot read instead of sending it', async () => {
    const { user, network } = await renderInbox(THREAD);
    await user.click(await screen.findByRole('button', { name: 'More actions' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Log call' }));
    const dialog = await screen.findByTestId('log-call-dialog');
    await user.type(within(dialog).getByLabelText(/Length in minutes/), 'lang');
    await user.click(within(dialog).getByRole('button', { name: 'Log call' }));
    expect(within(dialog).getByText('Enter the length as minutes, e.g. 4 or 4:30')).toBeVisible();
    expect(network.to(CALLS)).toHaveLength(0);
  });

  it('reads minutes as people type them', () => {
    expect(parseMinutes('4')).toBe(240);
    expect(parseMinutes('4,5')).toBe(270);
    expect(parseMinutes('1:05')).toBe(65);
    expect(parseMinutes('')).toBe(0);
    expect(parseMinutes('soon')).toBeUndefined();
  });
});
