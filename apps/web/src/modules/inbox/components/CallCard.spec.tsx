import { screen, within } from '@testing-library/react';
import { inboxRoutes, renderInbox, timelineOf } from '../../../../test/inbox-app';
import { CONVERSATION_ID, channels, entries, messageDto } from '../../../../test/inbox-fixtures';
import { formatCallDuration } from './CallCard';

const THREAD = `/inbox/${CONVERSATION_ID}`;

const VOICEMAIL = messageDto({
  seq: 2,
  type: 'call',
  channel: channels.webchat,
  text: 'Bitte rufen Sie mich zurück.',
  call: {
    direction: 'inbound',
    outcome: 'voicemail',
    startedAt: null,
    durationSeconds: 0,
    from: '+4930123456',
    to: '+4930999999',
    recordingUrl: 'https://pbx.example.test/r/1.mp3',
  },
});
const LOGGED = messageDto({
  seq: 3,
  type: 'call',
  channel: null,
  author: { type: 'user', id: 'u1', name: 'Anna Agent' },
  text: 'Zurückgerufen, Ersatz zugesagt.',
  call: {
    direction: 'outbound',
    outcome: 'answered',
    startedAt: null,
    durationSeconds: 184,
    from: null,
    to: null,
    recordingUrl: null,
  },
});

describe('calls in the thread', () => {
  it('shows how a call ended, its numbers, transcript and recording, apart from messages', async () => {
    await renderInbox(
      THREAD,
      inboxRoutes({
        'GET /api/conversations/:id/timeline': timelineOf(entries(VOICEMAIL, LOGGED)),
      }),
    );
    const [voicemail, logged] = await screen.findAllByTestId('call');
    expect(voicemail).toHaveAttribute('data-outcome', 'voicemail');
    expect(voicemail).toHaveTextContent('Incoming call · voicemail');
    expect(voicemail).toHaveTextContent('+4930123456 → +4930999999');
    expect(voicemail).toHaveTextContent('Bitte rufen Sie mich zurück.');
    expect(within(voicemail).getByTestId('call-recording')).toHaveAttribute(
      'href',
      'https://pbx.example.test/r/1.mp3',
    );
    expect(within(voicemail).queryByTestId('call-duration')).toBeNull();

    expect(logged).toHaveTextContent('Outgoing call · answered');
    expect(within(logged).getByTestId('call-duration')).toHaveTextContent('3:04');
    expect(logged).toHaveTextContent('Logged by Anna Agent');
    expect(within(logged).queryByTestId('call-recording')).toBeNull();
    expect(screen.queryAllByTestId('message')).toHaveLength(0);
  });

  it('formats durations as a clock', () => {
    expect(formatCallDuration(0)).toBe('0:00');
    expect(formatCallDuration(65)).toBe('1:05');
    expect(formatCallDuration(3725)).toBe('1:02:05');
  });
});
